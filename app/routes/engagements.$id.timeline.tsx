import { useEffect, useMemo, useRef, useState } from "react";
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigate, useNavigation, useSearchParams, type ShouldRevalidateFunction } from "@remix-run/react";
import { RouteErrorBoundary } from "~/components/error-page";
import { PendingButton } from "~/components/pending-button";
import { MermaidView } from "~/components/mermaid-view";
import { EmptyState, Notice, StatusBadge } from "~/components/ui";
import { HintedTableScroll } from "~/components/table-scroll-hint";
import { useMessageBeside } from "~/components/message-beside";
import { METHOD_LABELS } from "~/domain/methods";
import { VARIANT_LABELS } from "~/domain/small-requests";
import { timelinePlanTitle } from "~/domain/method-variants";
import { formatDate, formatMonth, isMonth } from "~/domain/calendar";
import { plural } from "~/domain/plural";
import { DependencyError, spanMonths } from "~/domain/timeline";
import { holidaysNote, keyDatesOnHolidays, keyDatesOnHolidaysWords } from "~/domain/holiday-words";
import {
  DURATION_UNITS,
  ITEM_KIND_LABELS,
  durationUnitName,
  durationWords,
  comesAfterChoices,
  endKeepingLength,
  timelineEnd,
  timelineStart,
} from "~/domain/timeline-view";
import { TimelineActionSchema } from "~/domain/timeline-forms";
import { AgreementRecorded, RecordAgreement, TimeCheckView } from "~/components/time-check";
import { spanWords, timeCheckShown } from "~/domain/timeline-constraints";
import { limitsSeen } from "~/domain/planning-inputs";
import { ganttMarksSentence } from "~/domain/timeline-gantt";
import { AddItemForm, StreamsPanel } from "~/components/timeline-shape";
import { FieldError, fieldId } from "~/components/field";
import { useFieldsFollowSaved } from "~/lib/fields-follow-saved";
import { formState, shown, stateOfIntent } from "~/lib/forms";
import { reply } from "~/lib/forms.server";
import { engagementIdParam } from "~/lib/params";
import { change, redirectWithFlash } from "~/lib/route.server";
import { getEngagementForStaff, requireEngagementAccess } from "~/models/engagements.server";
import {
  editTimeline,
  getTimelineView,
  keepTimeline,
  agreeOverrun,
  agreementOnPage,
  previewRegeneration,
  regenerateTimeline,
  removeTimelineDependency,
  shapeTimeline,
  startPassedNotice,
  timeBeforeGenerating,
  timelineDrawn,
  timelineVariant,
  withdrawOverrunAgreement,
  type TimelineDrawn,
  type TimelineShapeChange,
} from "~/models/timeline.server";
import { currentDay, currentMonth } from "~/services/clock.server";
import { requireUser } from "~/services/session.server";
import { SubmitButton } from "~/components/submit-button";

export const meta: MetaFunction = () => [{ title: "Timeline · Partnership Planner" }];

/** The narrowest the Gantt chart is drawn: on a phone it scrolls sideways rather than cut off or crowd its labels. */
const GANTT_MIN_WIDTH = 900;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = requireUser(request);
  const id = engagementIdParam(params);
  const engagement = getEngagementForStaff(user, id);
  const today = currentMonth();
  const view = getTimelineView(user, id, today);
  const url = new URL(request.url);
  const beforeGenerating = timeBeforeGenerating(view, today);
  const preview = url.searchParams.get("preview") === "regenerate" && view.inputs.method ? previewRegeneration(user, id, today) : null;
  const timeline = view.stored?.timeline ?? null;
  // The chart marks the partner's time the time check below speaks of: their hard deadline and their aim's month.
  const marks = { hardDeadline: view.inputs.hardDeadline, aimBy: view.inputs.aimBy };
  const drawn = timeline ? timelineDrawn(timeline, marks) : null;
  const variant = timeline ? timelineVariant(timeline) : null;
  return {
    id,
    canEdit: engagement.canEdit,
    inputs: view.inputs,
    beforeGenerating,
    planLabel: view.inputs.variant ? VARIANT_LABELS[view.inputs.variant] : view.inputs.method ? METHOD_LABELS[view.inputs.method] : null,
    version: view.stored?.version ?? 0,
    staleReasons: view.staleReasons,
    // Only the partner's time changed: the plan may be kept as it is, clearing the review (docs/domain.md §8.12).
    keepable: view.keepable,
    // Why keeping is refused, naming what changed besides the partner's time.
    keepRefused: view.keepRefused,
    limits: limitsSeen(view.inputs),
    timeline,
    // A site joining an open collaborative plans only its own part in it: the heading says whose and in which.
    title: timeline
      ? timelinePlanTitle(
          METHOD_LABELS[timeline.method],
          variant,
          engagement.organisation.name,
          variant === "join_open_collaborative" ? view.inputs.join?.title ?? null : null
        )
      : null,
    gantt: drawn?.gantt ?? null,
    // Where some of the partner's public holidays are not known (or none are), which: said beside the rule.
    holidaysNote: timeline ? holidaysNote(timeline.generatedFrom?.country ?? view.inputs.country) : null,
    // Events and milestones on one of the partner's public holidays: placed there by hand, or laid out before its holidays were known.
    onHolidays: timeline && view.inputs.country ? keyDatesOnHolidaysWords(keyDatesOnHolidays(timeline.items, view.inputs.country), view.inputs.country) : null,
    // What the chart's dashed lines mark, in words for a reader who cannot see it.
    marksSentence: timeline ? ganttMarksSentence(marks) : null,
    critical: drawn?.critical ?? null,
    // Each item's length in the unit that fits it, for the row's duration field (docs/domain.md §8.10).
    durations: drawn?.durations ?? ({} as TimelineDrawn["durations"]),
    span: timeline ? spanMonths(timeline) : null,
    spanText: timeline ? spanWords(timeline, spanMonths(timeline)) : null,
    // A plan still to be agreed that begins before today (docs/domain.md §8.6).
    startPassed: startPassedNotice(engagement.stage, timeline, currentDay()),
    timeCheck: view.timeCheck ? timeCheckShown(view.timeCheck) : null,
    // The partner's agreement to the plan running past their time (docs/domain.md §8.6), while it does.
    agreement: agreementOnPage(view),
    // The day a partner's agreement is recorded for unless the manager says otherwise: today.
    day: currentDay(),
    preview: preview?.preview ?? null,
    // Whether regenerating would change the plan or clear a review: otherwise only the way back is offered.
    regenerateWorthDoing: preview?.worthDoing ?? true,
    previewTime: preview?.time ?? null,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = requireUser(request);
  const id = engagementIdParam(params);
  requireEngagementAccess(user, id, "engagement:update");
  return change(await request.formData(), TimelineActionSchema, (input, submission) => {
    if (input.intent === "regenerate") {
      regenerateTimeline(user, id, input.version, currentMonth());
      return redirectWithFlash(
        request,
        backToTimeline(request, id, input.intent),
        input.version === 0 ? "Timeline generated from the method." : "Timeline regenerated."
      );
    }
    if (input.intent === "keep") {
      keepTimeline(user, id, input.version, input.limits, currentMonth());
      return redirectWithFlash(
        request,
        backToTimeline(request, id, input.intent),
        "Timeline kept as it is, for the partner's time as it is now: the review is cleared, and the time check below judges the plan against that time."
      );
    }
    if (input.intent === "agree-overrun") {
      agreeOverrun(user, id, input.version, { how: input.how, agreedOn: input.agreedOn }, currentMonth(), currentDay());
      return redirectWithFlash(
        request,
        backToTimeline(request, id, input.intent),
        "The partner's agreement is recorded: the Timeline step is complete, and the proposal's risks say they agreed. A new version carries it to them."
      );
    }
    if (input.intent === "withdraw-agreement") {
      withdrawOverrunAgreement(user, id);
      return redirectWithFlash(request, backToTimeline(request, id, input.intent), "The record of the partner's agreement to the overrun is withdrawn.");
    }
    if (input.intent === "remove-dependency") {
      removeTimelineDependency(user, id, { itemId: input.itemId, on: input.on }, input.version);
      return redirectWithFlash(
        request,
        backToTimeline(request, id, input.intent),
        "The item no longer comes after that one: it may now start before that one ends."
      );
    }
    if (input.intent !== "edit-item") {
      const { version, ...change } = input;
      const done = shapeTimeline(user, id, change, version);
      return redirectWithFlash(request, backToTimeline(request, id, change.intent), SHAPED[change.intent](done));
    }
    const { intent: _intent, version, ...form } = input;
    let changed: boolean;
    let carried: number;
    try {
      ({ changed, carried } = editTimeline(user, id, form, version));
    } catch (e) {
      // A move before what the item comes after: the row offers to take that item off its "After" list.
      if (e instanceof DependencyError)
        return reply(submission, 400, { fieldErrors: { start: [e.message] }, extra: { dependency: { on: e.dependency.id, label: e.dependency.label } } });
      throw e;
    }
    return redirectWithFlash(
      request,
      backToTimeline(request, id, "edit-item"),
      !changed
        ? "Nothing changed: the row was saved as it already was."
        : carried > 0
        ? `Timeline updated; ${plural(carried, "item")} after it moved with it.`
        : "Timeline updated."
    );
  });
}

/**
 * The page again after a change. A row's "comes after" list left open keeps what was chosen in it while
 * another form is saved (docs/domain.md §8.10): the address that opens it stays. The list just sent closes.
 */
function backToTimeline(request: Request, id: number, intent: string): string {
  const after = new URL(request.url).searchParams.get("after");
  const page = `/engagements/${id}/timeline`;
  return after && intent !== "add-dependency" ? `${page}?${new URLSearchParams({ after }).toString()}` : page;
}

/** What a change to the timeline's shape did, naming the item or stream it was done to. */
const SHAPED: Record<TimelineShapeChange["intent"], (done: { item?: string; stream?: string }) => string> = {
  "add-item": () => "Item added; the critical path, the time check and the demand follow it.",
  "delete-item": ({ item }) => `“${item}” deleted; the critical path, the time check and the demand no longer count it.`,
  "add-dependency": () => "The item now comes after the one chosen; it moved later if it started before that one ends.",
  "add-stream": () => "Stream added.",
  "rename-stream": () => "Stream renamed.",
  "delete-stream": ({ stream }) => `Stream “${stream}” deleted.`,
};

/**
 * After a 409 the table shows the timeline as the other person saved it. Opening a row's "comes after"
 * list changes only the address, not the data, so nothing is read again.
 */
export const shouldRevalidate: ShouldRevalidateFunction = ({ actionStatus, formMethod, currentUrl, nextUrl, defaultShouldRevalidate }) => {
  if (actionStatus === 409) return true;
  if (!formMethod && currentUrl.pathname === nextUrl.pathname && withoutAfter(currentUrl) === withoutAfter(nextUrl)) return false;
  return defaultShouldRevalidate;
};

function withoutAfter(url: URL): string {
  const params = new URLSearchParams(url.search);
  params.delete("after");
  params.delete("delete");
  return params.toString();
}

/**
 * A row's control the address opens (`open`, the row's item): while open, the element `inside` names
 * takes the focus, without scrolling the table sideways; closed again, the focus goes back to the
 * element `opener` names, the one that opened it.
 */
function useFocusWhileOpen(open: string | null, inside: (id: string) => string, opener: (id: string) => string) {
  const last = useRef<string | null>(null);
  useEffect(() => {
    if (open) {
      document.getElementById(inside(open))?.focus({ preventScroll: true });
      last.current = open;
    } else if (last.current) {
      document.getElementById(opener(last.current))?.focus({ preventScroll: true });
      last.current = null;
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open]);
}

export default function TimelinePage() {
  const {
    id,
    canEdit,
    inputs,
    beforeGenerating,
    planLabel,
    version,
    staleReasons,
    keepable,
    keepRefused,
    limits,
    timeline,
    title,
    gantt,
    marksSentence,
    holidaysNote,
    onHolidays,
    critical,
    spanText,
    startPassed,
    timeCheck,
    agreement,
    day,
    preview,
    previewTime,
    regenerateWorthDoing,
    durations,
  } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const state = formState(actionData);
  const errors = state.errors;
  // "Add…" asked for a row's list of what it could come after: the list takes the focus, without
  // scrolling the table sideways; closed again, the focus goes back to that row's "Add…".
  const adding = params.get("after");
  useFocusWhileOpen(
    adding,
    (id) => fieldId(`dep-${id}`, "on"),
    (id) => `add-after-${id}`
  );
  // "Delete…" asks first: its Delete takes the focus; cancelled, the focus goes back to the row's "Delete…".
  const deleting = params.get("delete");
  useFocusWhileOpen(
    deleting,
    (id) => `confirm-delete-${id}`,
    (id) => `delete-${id}`
  );
  // What each item may come after: nothing that already comes after it, directly or through others; when nothing is left, why.
  const afterChoices = useMemo(() => {
    const items = timeline?.items ?? [];
    return new Map(items.map((i) => [i.id, comesAfterChoices(items, i.id)]));
  }, [timeline]);
  const rows = useMemo(
    () =>
      (timeline?.items ?? []).map((i) => ({
        id: `item-${i.id}`,
        saved: {
          label: i.label,
          start: i.start,
          end: i.end,
          ...(durations[i.id] ? { duration: String(durations[i.id]!.amount), unit: durations[i.id]!.unit } : {}),
        },
      })),
    [timeline, durations]
  );
  // The form being sent, by its element's id: a row's, or one that shapes the timeline, named by its `form` field.
  const sent = navigation.formData;
  const sending =
    sent?.get("intent") === "edit-item" ? `item-${String(sent.get("itemId"))}` : typeof sent?.get("form") === "string" ? String(sent.get("form")) : null;
  useFieldsFollowSaved(rows, sending);
  // A row saved stays where it is, and so does the reader: what the save did is said in the row.
  const saved = useMessageBeside((sent) => sent.get("intent") === "edit-item");
  const savedRow = saved ? String(saved.sent.get("itemId")) : null;
  // A start typed in a row takes the row's end with it, keeping the item's length, as saving it would
  // (docs/domain.md §8.10), until the end is typed itself: an end showing what is stored, or what this
  // put there, was not. So a row never shows an end before a start typed in it.
  const endsPut = useRef(new Map<string, string>());
  const endFollowsStart = (item: { id: string; start: string; end: string }, start: string) => {
    const end = document.getElementById(`item-${item.id}-end`);
    if (!(end instanceof HTMLInputElement) || (end.value !== item.end && end.value !== endsPut.current.get(item.id))) return;
    const next = endKeepingLength(item, start);
    if (!next || next === end.value) return;
    end.value = next;
    endsPut.current.set(item.id, next);
  };

  if (!inputs.method) {
    return (
      <EmptyState
        title="Choose a method first"
        action={
          <Link className="button" to={`/engagements/${id}/method`}>
            Go to Method
          </Link>
        }
      >
        The timeline is generated from the chosen method's template: a collaborative's learning sessions and action periods, a campaign's launch and deadline,
        or a tailored initiative's phases.
      </EmptyState>
    );
  }

  const regenerateForm = (label: string) => (
    <Form method="post">
      <input type="hidden" name="intent" value="regenerate" />
      <input type="hidden" name="version" value={version} />
      <SubmitButton className="button" busy={navigation.state === "submitting"}>
        {label}
      </SubmitButton>
    </Form>
  );

  if (!timeline) {
    return (
      <section className="card">
        <h2>Generate the timeline</h2>
        <p>
          From the {planLabel} template, starting {isMonth(inputs.start) ? formatMonth(inputs.start) : formatDate(inputs.start)}
          {inputs.join && !inputs.join.warning
            ? " (prework before the open collaborative's first learning session the team can prepare for)"
            : inputs.startFromIntake
            ? " (the partner's desired start)"
            : " (next month: the intake has no desired start yet)"}
          , for {plural(inputs.teams, "site or team", "sites or teams")}.
        </p>
        {beforeGenerating?.partnerTime ? (
          <p data-partner-time>
            {beforeGenerating.partnerTime}
            {beforeGenerating.holds ? " The plan generated keeps it." : ""}
          </p>
        ) : null}
        {beforeGenerating && !beforeGenerating.holds ? (
          <Notice>
            <span data-time-before-generating>{beforeGenerating.summary}</span> Once generated, this page sets out what can be done about it.
          </Notice>
        ) : null}
        {canEdit ? regenerateForm("Generate timeline") : <p className="muted">Only the engagement's owners can generate it.</p>}
      </section>
    );
  }

  const byId = new Map(timeline.items.map((i) => [i.id, i]));
  const criticalIds = new Set(critical?.itemIds ?? []);
  return (
    <>
      {staleReasons.length ? (
        <Notice>
          <strong>This timeline needs review.</strong> {staleReasons.join(" ")}{" "}
          {canEdit ? params.get("preview") === "regenerate" ? null : <Link to="?preview=regenerate">See what regenerating would change</Link> : null}
        </Notice>
      ) : null}
      {preview ? (
        <section className="card" aria-labelledby="preview-heading">
          <h2 id="preview-heading">If the timeline is regenerated</h2>
          {preview.isEmpty ? (
            <p>
              {staleReasons.length
                ? "Nothing in the plan would change: regenerating records that the timeline was made for the engagement as it is now, and clears the review."
                : "Nothing would change."}
            </p>
          ) : null}
          {preview.methodChanged ? (
            <p data-preview-method>
              The method is now {preview.methodChanged.to}, not {preview.methodChanged.from}: the whole timeline would be replaced by the{" "}
              {preview.methodChanged.to} template.
            </p>
          ) : null}
          {preview.changes.length ? (
            <>
              <p>{preview.edits.length ? "Besides your edits, what would change:" : "What would change:"}</p>
              <ul className="reasons" data-preview>
                {preview.changes.map((s) => (
                  <li key={s}>{s}</li>
                ))}
              </ul>
            </>
          ) : null}
          {preview.edits.length ? (
            <>
              <p>
                {preview.methodChanged
                  ? "Your own edits to the timeline as generated, which regenerating would lose:"
                  : "The items your edits left unlike the generated plan (moved by you, or carried by a move), and what regenerating would do to each:"}
              </p>
              <ul className="reasons" data-preview-edits>
                {preview.edits.map((s) => (
                  <li key={s}>{s}</li>
                ))}
              </ul>
            </>
          ) : preview.methodChanged ? (
            <p>You have not edited the current timeline: nothing of yours would be lost.</p>
          ) : null}
          {previewTime ? (
            <p data-preview-time className={previewTime.holds ? undefined : "over-budget"}>
              {previewTime.words}
            </p>
          ) : null}
          <div className="actions">
            {canEdit && regenerateWorthDoing ? regenerateForm("Regenerate timeline") : null}
            {canEdit && keepable ? (
              <Form method="post">
                <input type="hidden" name="intent" value="keep" />
                <input type="hidden" name="version" value={version} />
                <input type="hidden" name="limits" value={limits} />
                <SubmitButton className="button button--secondary" busy={navigation.state === "submitting"}>
                  Keep the current timeline
                </SubmitButton>
              </Form>
            ) : (
              // Nothing to keep here: a way out of the preview, named as what it does.
              <Link to=".">Back to the timeline</Link>
            )}
            {staleReasons.length ? (
              <span className="small muted">
                {!keepable
                  ? keepRefused
                  : canEdit
                  ? `Only the partner's time has changed: keeping the timeline clears the review, and the time check judges the plan against the new time.${
                      timeCheck && !timeCheck.holds ? " Kept as it is, the plan runs past that time: the time check below says by how much." : ""
                    }`
                  : "Only the partner's time has changed: the engagement's owners can keep the timeline as it is, or regenerate it."}
              </span>
            ) : null}
          </div>
        </section>
      ) : null}
      {errors[""] ? <Notice>{errors[""]}</Notice> : null}
      <section className="card" aria-labelledby="timeline-heading">
        <h2 id="timeline-heading">
          {title}{" "}
          <StatusBadge tone="info">
            {formatDate(timelineStart(timeline))} to {formatDate(timelineEnd(timeline))}
          </StatusBadge>
        </h2>
        <p className="muted">
          {spanText !== null ? `${spanText}. ` : null}
          Items on the critical path are marked: nothing between them and the end leaves room to spare. A change made by hand takes the items after it along,
          with the gaps between them, an event or milestone taken onto a weekend or holiday moving on to the next working day, so a change to any item can move
          the end.{holidaysNote ? <span data-holidays-note> {holidaysNote}</span> : null}
        </p>
        <p className="small">
          <a href={`/engagements/${id}/timeline.ics`} download>
            Download the key dates for a calendar (.ics)
          </a>{" "}
          <span className="muted">Events and milestones; importing the file again updates them rather than adding copies.</span>
        </p>
        {startPassed ? (
          <Notice>
            <span data-start-passed>{startPassed}</span>
            {canEdit ? (
              <>
                {" "}
                Move the first item's start below (what comes after it moves too), or change the desired start on the{" "}
                <Link to={`/engagements/${id}/intake?section=scale`}>intake</Link> and generate the timeline again.
              </>
            ) : null}
          </Notice>
        ) : null}
        {onHolidays ? (
          <Notice>
            <span data-on-holidays>{onHolidays.said}</span>
            {canEdit ? ` ${onHolidays.toDo}` : null}
          </Notice>
        ) : null}
        {timeCheck ? (
          <TimeCheckView
            check={timeCheck}
            engagementId={id}
            page="timeline"
            agreedDetail={timeCheck.agreed && agreement ? <AgreementRecorded agreement={agreement} canEdit={canEdit} /> : null}
          >
            {!timeCheck.holds && !timeCheck.agreed ? (
              <RecordAgreement
                lapsed={agreement?.lapsed ?? null}
                canEdit={canEdit}
                needsReview={staleReasons.length > 0}
                version={version}
                today={day}
                state={stateOfIntent(state, "agree-overrun")}
              />
            ) : null}
          </TimeCheckView>
        ) : null}
        {timeline.warnings.length ? (
          <ul className="reasons small">
            {timeline.warnings.map((w) => (
              <li key={w}>{w}</li>
            ))}
          </ul>
        ) : null}
        {gantt ? (
          <MermaidView
            source={gantt}
            label={[`Gantt chart: ${title}`, marksSentence].filter(Boolean).join(". ")}
            className="diagram diagram--wide"
            minWidth={GANTT_MIN_WIDTH}
            scrollHint="Scroll sideways to see the whole chart."
          />
        ) : null}
      </section>
      <section className="card" aria-labelledby="items-heading">
        <h2 id="items-heading">Items</h2>
        <p className="muted small">
          Change a start to move an item (what comes after it moves too); change an end, or the duration in days, weeks or months, to lengthen or shorten it.
          Recurring activities follow the items they run alongside.
        </p>
        <HintedTableScroll labelledBy="items-heading" hint="Scroll sideways to see each item's dates.">
          <table className="data timeline-table">
            <thead>
              <tr>
                <th scope="col">Item</th>
                <th scope="col">Kind</th>
                <th scope="col">Start</th>
                <th scope="col">End</th>
                <th scope="col">Duration</th>
                <th scope="col">After</th>
                {canEdit ? (
                  <th scope="col" className="row-actions">
                    <span className="visually-hidden">Save</span>
                  </th>
                ) : null}
              </tr>
            </thead>
            <tbody>
              {timeline.items.map((item) => {
                const formId = `item-${item.id}`;
                const answered = state.values?.itemId === item.id;
                const mine = answered && state.values?.intent === "edit-item";
                const rowError = answered ? state.errors.itemId ?? (state.values?.intent === "delete-item" ? state.errors[""] : undefined) : undefined;
                const depError = answered && state.values?.intent === "add-dependency" ? state.errors.on ?? state.errors[""] : undefined;
                const depId = fieldId(`dep-${item.id}`, "on");
                const after = afterChoices.get(item.id)!;
                const v = (name: string, saved: string) => (mine ? shown(state, name, saved) : saved);
                const fixed = Boolean(item.alongside) || !canEdit;
                const dependency = mine && actionData && "dependency" in actionData ? actionData.dependency : null;
                // Not drawn afresh when another row is saved, or what is typed in it would be lost: its fields
                // follow what is stored where nothing was typed (useFieldsFollowSaved).
                return (
                  <tr key={item.id} data-item={item.id} data-critical={criticalIds.has(item.id) ? "yes" : "no"}>
                    <td>
                      {canEdit ? (
                        <>
                          <label className="visually-hidden" htmlFor={`${formId}-label`}>
                            Label of {item.label}
                          </label>
                          <input id={`${formId}-label`} form={formId} name="label" type="text" defaultValue={v("label", item.label)} className="inline-input" />
                        </>
                      ) : (
                        item.label
                      )}
                      {criticalIds.has(item.id) ? <StatusBadge tone="warning">Critical path</StatusBadge> : null}
                      {/* A start refused by what the item comes after is said with the row, beside the way out of it. */}
                      {mine && errors.start && dependency ? (
                        <p className="field-error" id={`${formId}-start-error`}>
                          {errors.start}
                        </p>
                      ) : null}
                      {dependency && canEdit ? (
                        <Form method="post" className="inline-form">
                          <input type="hidden" name="intent" value="remove-dependency" />
                          <input type="hidden" name="version" value={version} />
                          <input type="hidden" name="itemId" value={item.id} />
                          <input type="hidden" name="on" value={dependency.on} />
                          <button className="button button--secondary button--small" type="submit">
                            No longer comes after {dependency.label}
                          </button>
                        </Form>
                      ) : null}
                      {mine && errors.label ? <p className="field-error">{errors.label}</p> : null}
                      {saved && savedRow === item.id ? (
                        <p className="sent-beside small" data-sent-beside>
                          {saved.message}
                        </p>
                      ) : null}
                    </td>
                    <td>{ITEM_KIND_LABELS[item.kind]}</td>
                    <td>
                      {fixed ? (
                        formatDate(item.start)
                      ) : (
                        <>
                          <label className="visually-hidden" htmlFor={`${formId}-start`}>
                            Start of {item.label}
                          </label>
                          <input
                            id={`${formId}-start`}
                            form={formId}
                            name="start"
                            type="date"
                            defaultValue={v("start", item.start)}
                            onChange={(e) => endFollowsStart(item, e.currentTarget.value)}
                            className="inline-input"
                            aria-invalid={mine && errors.start ? true : undefined}
                            aria-describedby={mine && errors.start ? `${formId}-start-error` : undefined}
                          />
                          {mine && errors.start && !dependency ? (
                            <p className="field-error" id={`${formId}-start-error`}>
                              {errors.start}
                            </p>
                          ) : null}
                        </>
                      )}
                    </td>
                    <td>
                      {fixed || item.kind === "milestone" ? (
                        formatDate(item.end)
                      ) : (
                        <>
                          <label className="visually-hidden" htmlFor={`${formId}-end`}>
                            End of {item.label}
                          </label>
                          <input
                            id={`${formId}-end`}
                            form={formId}
                            name="end"
                            type="date"
                            defaultValue={v("end", item.end)}
                            className="inline-input"
                            aria-invalid={mine && errors.end ? true : undefined}
                            aria-describedby={mine && errors.end ? `${formId}-end-error` : undefined}
                          />
                          {mine && errors.end ? (
                            <p className="field-error" id={`${formId}-end-error`}>
                              {errors.end}
                            </p>
                          ) : null}
                        </>
                      )}
                    </td>
                    <td data-duration>
                      {fixed || !durations[item.id] ? (
                        durations[item.id] ? (
                          durationWords(durations[item.id]!)
                        ) : (
                          "—"
                        )
                      ) : (
                        <>
                          <input type="hidden" form={formId} name="originalDuration" value={durations[item.id]!.amount} />
                          <input type="hidden" form={formId} name="originalUnit" value={durations[item.id]!.unit} />
                          <label className="visually-hidden" htmlFor={`${formId}-duration`}>
                            Duration of {item.label}
                          </label>
                          <input
                            id={`${formId}-duration`}
                            form={formId}
                            name="duration"
                            type="text"
                            inputMode="numeric"
                            size={4}
                            defaultValue={v("duration", String(durations[item.id]!.amount))}
                            className="inline-input"
                            aria-invalid={mine && errors.duration ? true : undefined}
                            aria-describedby={mine && errors.duration ? `${formId}-duration-error` : undefined}
                          />{" "}
                          <label className="visually-hidden" htmlFor={`${formId}-unit`}>
                            Duration of {item.label} in
                          </label>
                          <select
                            id={`${formId}-unit`}
                            form={formId}
                            name="unit"
                            defaultValue={v("unit", durations[item.id]!.unit)}
                            className="inline-input"
                            aria-invalid={mine && errors.unit ? true : undefined}
                            aria-describedby={mine && errors.unit ? `${formId}-duration-error` : undefined}
                          >
                            <UnitOptions durationId={`${formId}-duration`} amount={durations[item.id]!.amount} />
                          </select>
                          {mine && (errors.duration || errors.unit) ? (
                            <p className="field-error" id={`${formId}-duration-error`}>
                              {errors.duration ?? errors.unit}
                            </p>
                          ) : null}
                        </>
                      )}
                    </td>
                    <td className="small" data-after>
                      <span data-dependencies>
                        {item.alongside ? (
                          `Alongside ${byId.get(item.alongside.from)?.label} – ${byId.get(item.alongside.to)?.label}`
                        ) : item.dependencies.length === 0 ? (
                          "—"
                        ) : (
                          <ul className="plain-list">
                            {item.dependencies.map((d) => (
                              <li key={d.on}>
                                {byId.get(d.on)?.label ?? d.on}
                                {d.lagDays ? ` + ${plural(d.lagDays, "day")}` : ""}
                                {canEdit ? (
                                  <Form method="post">
                                    <input type="hidden" name="intent" value="remove-dependency" />
                                    <input type="hidden" name="version" value={version} />
                                    <input type="hidden" name="itemId" value={item.id} />
                                    <input type="hidden" name="on" value={d.on} />
                                    <button
                                      className="button button--secondary button--small"
                                      type="submit"
                                      aria-label={`${item.label} no longer comes after ${byId.get(d.on)?.label ?? d.on}`}
                                    >
                                      Remove
                                    </button>
                                  </Form>
                                ) : null}
                              </li>
                            ))}
                          </ul>
                        )}
                      </span>
                      {canEdit && !item.alongside ? (
                        // One row at a time offers the list of every other item (a list per row would make the page
                        // grow with the square of the items): "Add…" opens it for its row.
                        after.none && !depError ? (
                          <p className="muted" data-nothing-before>
                            {after.none}
                          </p>
                        ) : adding === item.id || depError ? (
                          <Form method="post" className="inline-form">
                            <input type="hidden" name="intent" value="add-dependency" />
                            <input type="hidden" name="version" value={version} />
                            <input type="hidden" name="itemId" value={item.id} />
                            <label className="visually-hidden" htmlFor={depId}>
                              {item.label} comes after
                            </label>
                            <select
                              id={depId}
                              name="on"
                              className="inline-input"
                              onKeyDown={(e) => {
                                if (e.key === "Escape") navigate(".", { preventScrollReset: true });
                              }}
                              defaultValue={depError ? String(state.values?.on ?? "") : ""}
                              aria-invalid={depError ? true : undefined}
                              aria-describedby={depError ? `${depId}-error` : undefined}
                            >
                              <option value="">Comes after…</option>
                              {after.choices.map((o) => (
                                <option key={o.id} value={o.id}>
                                  {o.label}
                                </option>
                              ))}
                            </select>{" "}
                            <PendingButton
                              className="button button--secondary button--small"
                              fields={{ intent: "add-dependency", itemId: item.id }}
                              pending="Adding…"
                              label={`Add to what ${item.label} comes after`}
                            >
                              Add
                            </PendingButton>{" "}
                            <Link to="." preventScrollReset aria-label={`Cancel adding what ${item.label} comes after`}>
                              Cancel
                            </Link>
                            <FieldError id={depId} error={depError} />
                          </Form>
                        ) : (
                          <Link
                            id={`add-after-${item.id}`}
                            to={`?after=${encodeURIComponent(item.id)}#${depId}`}
                            preventScrollReset
                            className="button button--secondary button--small"
                            aria-label={`Add what ${item.label} comes after`}
                          >
                            Add…
                          </Link>
                        )
                      ) : null}
                    </td>
                    {canEdit ? (
                      <td className="row-actions">
                        <Form method="post" id={formId} preventScrollReset>
                          <input type="hidden" name="intent" value="edit-item" />
                          <input type="hidden" name="version" value={version} />
                          <input type="hidden" name="itemId" value={item.id} />
                          <input type="hidden" name="originalStart" value={item.start} />
                          <input type="hidden" name="originalEnd" value={item.end} />
                          <input type="hidden" name="originalLabel" value={item.label} />
                          {fixed ? <input type="hidden" name="start" value={item.start} /> : null}
                          <PendingButton
                            className="button button--secondary button--small"
                            fields={{ intent: "edit-item", itemId: item.id }}
                            pending="Saving…"
                            label={`Save ${item.label}`}
                          >
                            Save
                          </PendingButton>
                        </Form>
                        {deleting === item.id || (rowError && state.values?.intent === "delete-item") ? (
                          // Deleting asks first, naming the item, as the driver diagram's Delete… does; Cancel keeps it.
                          <Form method="post" className="inline-form" aria-label={`Delete ${item.label}?`} data-confirm-delete={item.id}>
                            <input type="hidden" name="intent" value="delete-item" />
                            <input type="hidden" name="version" value={version} />
                            <input type="hidden" name="itemId" value={item.id} />
                            <span className="small">Delete it?</span>{" "}
                            <PendingButton
                              className="button button--danger button--small"
                              fields={{ intent: "delete-item", itemId: item.id }}
                              pending="Deleting…"
                              label={`Delete ${item.label}`}
                              describedBy={rowError ? `${formId}-delete-error` : undefined}
                              id={`confirm-delete-${item.id}`}
                            >
                              Delete
                            </PendingButton>{" "}
                            <Link to="." preventScrollReset aria-label={`Keep ${item.label}`}>
                              Cancel
                            </Link>
                            {rowError ? (
                              <p className="field-error" id={`${formId}-delete-error`}>
                                {rowError}
                              </p>
                            ) : null}
                          </Form>
                        ) : (
                          <Link
                            id={`delete-${item.id}`}
                            to={`?delete=${encodeURIComponent(item.id)}`}
                            preventScrollReset
                            className="button button--secondary button--small"
                            aria-label={`Delete ${item.label}…`}
                          >
                            Delete…
                          </Link>
                        )}
                      </td>
                    ) : null}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </HintedTableScroll>
        {canEdit && !preview ? (
          <p className="small">
            <Link to="?preview=regenerate">Regenerate from the template…</Link> (shows what would change first)
          </p>
        ) : null}
      </section>
      {canEdit ? (
        <>
          <AddItemForm
            timeline={timeline}
            version={version}
            state={formState(actionData, "add-item")}
            busy={navigation.state === "submitting"}
            sending={sending}
          />
          <StreamsPanel
            timeline={timeline}
            version={version}
            states={(form) => formState(actionData, form)}
            busy={navigation.state === "submitting"}
            sending={sending}
          />
        </>
      ) : null}
    </>
  );
}

/**
 * The units offered beside a row's duration, each named to agree with the number in its field as it
 * stands, typed or shown: "1 day", "3 days".
 */
function UnitOptions({ durationId, amount }: { durationId: string; amount: number }) {
  const [shown, setShown] = useState(amount);
  useEffect(() => {
    const field = document.getElementById(durationId);
    if (!(field instanceof HTMLInputElement)) return;
    const follow = () => setShown(Number(field.value.trim()));
    // A field the page changes itself (useFieldsFollowSaved) says so with an input event too.
    field.addEventListener("input", follow);
    return () => field.removeEventListener("input", follow);
  }, [durationId]);
  // When the stored length changes the number is read again: a length saved from a new end or start
  // comes into a field nobody typed in as its default, and shows there without any input event.
  useEffect(() => {
    const field = document.getElementById(durationId);
    if (field instanceof HTMLInputElement) setShown(Number(field.value.trim()));
  }, [durationId, amount]);
  return DURATION_UNITS.map((u) => (
    <option key={u} value={u}>
      {durationUnitName(u, shown)}
    </option>
  ));
}

export const ErrorBoundary = RouteErrorBoundary;
