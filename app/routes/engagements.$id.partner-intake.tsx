import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { RouteErrorBoundary } from "~/components/error-page";
import { ErrorSummary, TextArea } from "~/components/field";
import { formatDateTime, Notice, StatusBadge } from "~/components/ui";
import { INTAKE_SECTIONS } from "~/domain/intake";
import { TEXT_LIMITS } from "~/domain/limits";
import { partnerIntakeStep, STATUS_WORDS } from "~/domain/partner-intake";
import { takenInWords } from "~/domain/partner-answers";
import { PartnerIntakeReviewSchema } from "~/domain/partner-intake-forms";
import { formState, sentValue, shown, stateOfIntent } from "~/lib/forms";
import { engagementIdParam } from "~/lib/params";
import { change, redirectWithFlash } from "~/lib/route.server";
import { getEngagementForStaff } from "~/models/engagements.server";
import { changesToTake, listPartnerSections, openSection, readableAnswers, returnSection, takeSection } from "~/models/partner-intake.server";
import { requireUser } from "~/services/session.server";
import { SubmitButton } from "~/components/submit-button";

export const meta: MetaFunction = () => [{ title: "Asked of the partner · Intake · Partnership Planner" }];

const when = formatDateTime;

/** The intake sections and what the partner's executives entered in those opened to them (docs/domain.md §9.10). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = requireUser(request);
  const id = engagementIdParam(params);
  getEngagementForStaff(user, id);
  const { sections, canInvite } = listPartnerSections(user, id);
  const { intakeVersion, changes } = changesToTake(user, id, sections);
  return {
    id,
    canInvite,
    intakeVersion,
    sections: INTAKE_SECTIONS.map((s) => {
      const opened = sections.find((p) => p.section === s.key) ?? null;
      const may = (step: "open" | "take" | "return") => canInvite && partnerIntakeStep(opened?.status ?? null, step, s.key).ok;
      // A section that may never be opened says why, in place of the button the others have.
      const neverOpened = partnerIntakeStep(null, "open", s.key);
      return {
        key: s.key,
        label: s.label,
        status: opened?.status ?? null,
        version: opened?.version ?? 0,
        openedByName: opened?.openedByName ?? null,
        openedAt: opened?.openedAt ?? null,
        answeredByName: opened?.answeredByName ?? null,
        answeredAt: opened?.answeredAt ?? null,
        reviewedByName: opened?.reviewedByName ?? null,
        reviewedAt: opened?.reviewedAt ?? null,
        note: opened?.note ?? null,
        // Once taken in, the partner's answers left out, as they are told of them.
        leftOut: opened?.leftOut ?? [],
        answers: readableAnswers(s.key, opened?.answers ?? null),
        // What taking the answers in would change, while they wait for the manager's decision.
        changes: changes[s.key] ?? [],
        canOpen: may("open"),
        whyNotOpenable: neverOpened.ok ? null : neverOpened.reason,
        canDecide: may("take"),
      };
    }),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = requireUser(request);
  const id = engagementIdParam(params);
  const back = `/engagements/${id}/partner-intake`;
  return change(await request.formData(), PartnerIntakeReviewSchema, (input) => {
    const label = INTAKE_SECTIONS.find((s) => s.key === input.section)!.label;
    switch (input.intent) {
      case "open":
        openSection(user, id, input.section);
        return redirectWithFlash(request, back, `${label} is open to the partner's executives.`);
      case "take": {
        const { taken, leftOut } = takeSection(
          user,
          id,
          input.section,
          { draftVersion: input.draftVersion, intakeVersion: input.intakeVersion },
          input.take,
          input.note
        );
        // Taken in, the manager goes on to the intake to read it; with nothing taken, back to the sections.
        return redirectWithFlash(
          request,
          taken.length ? `/engagements/${id}/intake?section=${input.section}` : back,
          takenInWords(taken.length, label, leftOut.length)
        );
      }
      case "return":
        returnSection(user, id, input.section, input.draftVersion, input.note);
        return redirectWithFlash(request, back, `${label} was sent back to the partner with your note.`);
    }
  });
}

export default function PartnerIntakeReview() {
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const state = formState(actionData);
  const sentFor = shown(state, "section", "");
  // The take form's own answer: its note's problem, and the ticks as they were sent.
  const takeState = stateOfIntent(state, "take");
  const tickedSent = takeState.values ? [sentValue(takeState.values, "take") ?? []].flat() : null;
  return (
    <section className="card" aria-labelledby="asked-heading">
      <h2 id="asked-heading">Asked of the partner</h2>
      <p className="muted">
        Open a section to the partner's executives and they fill it in from their own page, before any proposal is shared. They see only the sections opened to
        them and their own answers, never the intake. Their answers reach the intake only when you take them in.{" "}
        <Link to={`/engagements/${d.id}/intake`}>Back to the intake</Link>
      </p>
      {!d.canInvite ? <Notice>Only the engagement's owners can open sections to the partner or take their answers in; you are reading.</Notice> : null}
      {state.errors[""] && !sentFor ? <ErrorSummary errors={state.errors} labels={{}} /> : null}
      {d.sections.map((s) => (
        <article className="row-card" key={s.key} aria-labelledby={`asked-${s.key}`} data-section={s.key}>
          <h3 id={`asked-${s.key}`}>
            {s.label} {s.status ? <StatusBadge tone={STATUS_WORDS[s.status].tone}>{STATUS_WORDS[s.status].staff}</StatusBadge> : null}
          </h3>
          {sentFor === s.key && Object.keys(state.errors).length ? (
            <ErrorSummary errors={state.errors} labels={{ note: takeState.values ? "Note to the partner (optional)" : "Note to the partner" }} />
          ) : null}
          {s.openedAt ? (
            <p className="small muted">
              Opened by {s.openedByName} on {when(s.openedAt)}.
              {s.answeredAt ? ` Entered by ${s.answeredByName ?? "the partner"} on ${when(s.answeredAt)}.` : ""}
              {s.reviewedAt && s.status === "taken" ? ` Taken into the intake by ${s.reviewedByName} on ${when(s.reviewedAt)}.` : ""}
              {s.reviewedAt && s.status === "returned" ? ` Sent back by ${s.reviewedByName} on ${when(s.reviewedAt)}.` : ""}
            </p>
          ) : null}
          {(s.status === "returned" || s.status === "taken") && s.note ? (
            <p>
              <strong>Your note to the partner:</strong> {s.note}
            </p>
          ) : null}
          {s.answers.length ? (
            <dl className="answers" aria-label={`The partner's answers to ${s.label}`}>
              {s.answers.map((a) => (
                <div key={a.field}>
                  <dt>{a.label}</dt>
                  <dd>{a.value}</dd>
                </div>
              ))}
            </dl>
          ) : s.status ? (
            <p className="muted small">Nothing entered yet.</p>
          ) : null}
          {s.status === "taken" && s.leftOut.length ? (
            <div data-left-out>
              <p>The partner is told these answers of theirs were not taken in:</p>
              <dl className="answers" aria-label={`The partner's answers to ${s.label} not taken in`}>
                {s.leftOut.map((a, i) => (
                  <div key={i}>
                    <dt>{a.label}</dt>
                    <dd>{a.answer}</dd>
                  </div>
                ))}
              </dl>
            </div>
          ) : null}
          {s.whyNotOpenable ? <p className="muted small">{s.whyNotOpenable}</p> : null}
          <div className="actions">
            {s.canOpen ? (
              <Form method="post">
                <input type="hidden" name="intent" value="open" />
                <input type="hidden" name="section" value={s.key} />
                <SubmitButton className="button button--secondary" busy={navigation.state === "submitting"}>
                  {s.status === "taken" ? `Open ${s.label} to the partner again` : `Open ${s.label} to the partner`}
                </SubmitButton>
              </Form>
            ) : null}
          </div>
          {s.canDecide ? (
            <Form method="post" className="stack">
              <input type="hidden" name="intent" value="take" />
              <input type="hidden" name="section" value={s.key} />
              <input type="hidden" name="draftVersion" value={s.version} />
              <input type="hidden" name="intakeVersion" value={d.intakeVersion} />
              {s.changes.length ? (
                <fieldset className="take-answers">
                  <legend>What taking them in would change</legend>
                  <p className="small muted">
                    Each answer is ticked to be taken in: untick any to leave out. Answers the partner left empty keep what the intake says, and so does every
                    answer you untick. The priorities keep the intake's ranking, whatever order the partner gave them in: change it on the intake.
                  </p>
                  <div className="table-wrap">
                    <table className="data">
                      <thead>
                        <tr>
                          <th scope="col">Take in</th>
                          <th scope="col">Answer</th>
                          <th scope="col">The intake now</th>
                          <th scope="col">The partner's answer</th>
                        </tr>
                      </thead>
                      <tbody>
                        {s.changes.map((c) => (
                          <tr key={c.key}>
                            <td>
                              <input
                                type="checkbox"
                                name="take"
                                value={c.key}
                                defaultChecked={sentFor === s.key && tickedSent ? tickedSent.includes(c.key) : true}
                                id={`take-${s.key}-${c.key}`}
                              />
                            </td>
                            <th scope="row">
                              <label htmlFor={`take-${s.key}-${c.key}`}>{c.label}</label>
                            </th>
                            <td>{c.ours}</td>
                            <td>{c.theirs}</td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  </div>
                </fieldset>
              ) : (
                <p className="small muted">The partner's answers say nothing the intake does not already say: taking them in changes nothing.</p>
              )}
              {s.changes.length ? (
                <TextArea
                  form={`take-${s.key}`}
                  name="note"
                  label="Note to the partner (optional)"
                  hint="They are told which of their answers you leave unticked, with the answers they gave, but not why: say why here if you wish. They see it beside the section."
                  state={sentFor === s.key ? takeState : undefined}
                  maxLength={TEXT_LIMITS.intakeReturnNote}
                  rows={2}
                />
              ) : null}
              <div className="actions">
                <SubmitButton className="button" busy={navigation.state === "submitting"}>
                  {s.changes.length ? "Take the ticked answers into the intake" : "Close the section to the partner"}
                </SubmitButton>
              </div>
            </Form>
          ) : null}
          {s.canDecide ? (
            <Form method="post" className="stack send-back">
              <input type="hidden" name="intent" value="return" />
              <input type="hidden" name="section" value={s.key} />
              <input type="hidden" name="draftVersion" value={s.version} />
              <TextArea
                form={`return-${s.key}`}
                name="note"
                label="Note to the partner"
                hint="What to add or correct; they see it beside the section."
                state={sentFor === s.key ? stateOfIntent(state, "return") : undefined}
                maxLength={TEXT_LIMITS.intakeReturnNote}
                rows={3}
              />
              <SubmitButton className="button button--secondary" busy={navigation.state === "submitting"}>
                Send back to the partner
              </SubmitButton>
            </Form>
          ) : null}
        </article>
      ))}
    </section>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
