import { useMemo } from "react";
import { Form } from "@remix-run/react";
import { FieldError, FormBasics, FormMessage, SelectField, TextField, fieldId } from "~/components/field";
import { useFieldsFollowSaved, type SavedForm } from "~/lib/fields-follow-saved";
import { shown, type FormState } from "~/lib/forms";
import { ADDABLE_KINDS, DURATION_UNIT_LABELS, DURATION_UNITS, ITEM_KIND_LABELS, STAFF_WORK, WORK_PREFIX, type Timeline } from "~/domain/timeline-view";
import { SubmitButton } from "~/components/submit-button";

/**
 * The Timeline page's forms that shape it (docs/domain.md §8.10): add an item, and add, rename or
 * delete a stream. Each form names itself in a hidden `form` field, so only the one sent shows its
 * answer, with what was typed; the same name is its element's id. None is drawn afresh when another
 * form of the page is saved: what is typed in it and not yet saved stays, and a field left alone
 * follows what is stored (useFieldsFollowSaved). `sending` names the form being sent, while it is.
 */

type Shape = Pick<Timeline, "streams" | "items">;

/** The items another can come after or share staff time with: not those that take their dates from others. */
function itemOptions(timeline: Shape) {
  return timeline.items.filter((i) => !i.alongside).map((i) => ({ value: i.id, label: i.label }));
}

/** What the add-item form shows when nothing is typed in it: an event of a day, in the first stream. */
function addItemSaved(timeline: Shape): Record<string, string> {
  return { label: "", kind: "event", stream: timeline.streams[0]?.key ?? "", after: "", start: "", duration: "1", unit: "days", staffLike: "" };
}

export function AddItemForm({
  timeline,
  version,
  state,
  busy,
  sending,
}: {
  timeline: Shape;
  version: number;
  state: FormState;
  busy: boolean;
  sending: string | null;
}) {
  const form = "add-item";
  const items = itemOptions(timeline);
  const forms = useMemo(() => [{ id: form, saved: addItemSaved(timeline) }], [timeline]);
  const saved = forms[0]!.saved;
  useFieldsFollowSaved(forms, sending);
  return (
    <section className="card" aria-labelledby="add-item-heading">
      <h2 id="add-item-heading">Add an item</h2>
      <p className="muted small">
        A phase, an event (a briefing, a meeting) or a milestone. An event or milestone falls on the next working day of the partner's country; an event counted
        in days lasts that many working days. Leave the start empty to begin as soon as the item it comes after ends.
      </p>
      <Form method="post" className="form-grid" id={form}>
        <FormBasics form={form} intent="add-item" version={version} />
        <FormMessage form={form} state={state} />
        <TextField form={form} name="label" label="Label" state={state} />
        <SelectField
          form={form}
          name="kind"
          label="Kind"
          state={state}
          saved={saved.kind}
          options={ADDABLE_KINDS.map((k) => ({ value: k, label: ITEM_KIND_LABELS[k] }))}
        />
        <SelectField
          form={form}
          name="stream"
          label="Stream"
          state={state}
          saved={saved.stream}
          options={timeline.streams.map((s) => ({ value: s.key, label: s.label }))}
        />
        <SelectField form={form} name="after" label="Comes after" state={state} placeholder="Nothing" options={items} />
        <TextField form={form} name="start" label="Start" type="date" state={state} hint="Empty: as soon as what it comes after ends." />
        <TextField form={form} name="duration" label="Duration" inputMode="numeric" state={state} saved={saved.duration} hint="A milestone takes none." />
        <SelectField
          form={form}
          name="unit"
          label="Duration in"
          state={state}
          saved={saved.unit}
          options={DURATION_UNITS.map((u) => ({ value: u, label: DURATION_UNIT_LABELS[u] }))}
        />
        <SelectField
          form={form}
          name="staffLike"
          label="Asks of our staff what this item asks"
          hint="Its staff time counts in the demand like that item's, or like the kind of work named; Nothing: no staff time of ours."
          state={state}
          placeholder="Nothing"
          options={[...items, ...Object.entries(STAFF_WORK).map(([tag, label]) => ({ value: `${WORK_PREFIX}${tag}`, label }))]}
        />
        <div className="actions">
          <SubmitButton className="button" busy={busy}>
            Add item
          </SubmitButton>
        </div>
      </Form>
    </section>
  );
}

export function StreamsPanel({
  timeline,
  version,
  states,
  busy,
  sending,
}: {
  timeline: Shape;
  version: number;
  /** The answer to each stream form, by the form's key. */
  states: (form: string) => FormState;
  busy: boolean;
  sending: string | null;
}) {
  const add = states("add-stream");
  const forms = useMemo<SavedForm[]>(
    () => [...timeline.streams.map((s) => ({ id: `rename-stream-${s.key}`, saved: { label: s.label } })), { id: "add-stream", saved: { label: "" } }],
    [timeline.streams]
  );
  useFieldsFollowSaved(forms, sending);
  return (
    <section className="card" aria-labelledby="streams-heading">
      <h2 id="streams-heading">Streams</h2>
      <p className="muted small">The gantt chart shows one section per stream. A stream can be deleted once it holds no items.</p>
      <ul className="plain-list">
        {timeline.streams.map((s) => {
          const renameKey = `rename-stream-${s.key}`;
          const rename = states(renameKey);
          const remove = states(`delete-stream-${s.key}`);
          const count = timeline.items.filter((i) => i.stream === s.key).length;
          const id = fieldId(renameKey, "label");
          return (
            <li key={s.key} data-stream={s.key}>
              <Form method="post" className="inline-form" id={renameKey}>
                <FormBasics form={renameKey} intent="rename-stream" version={version} />
                <input type="hidden" name="streamId" value={s.key} />
                <label className="visually-hidden" htmlFor={id}>
                  Name of the stream {s.label}
                </label>
                <input
                  id={id}
                  name="label"
                  type="text"
                  className="inline-input"
                  defaultValue={shown(rename, "label", s.label)}
                  aria-invalid={rename.errors.label ? true : undefined}
                  aria-describedby={rename.errors.label ? `${id}-error` : undefined}
                />{" "}
                <SubmitButton className="button button--secondary button--small" busy={busy} aria-label={`Rename the stream ${s.label}`}>
                  Rename
                </SubmitButton>{" "}
                <span className="muted small">
                  {count} {count === 1 ? "item" : "items"}
                </span>
                <FieldError id={id} error={rename.errors.label ?? rename.errors[""]} />
              </Form>
              <Form method="post" className="inline-form">
                <FormBasics form={`delete-stream-${s.key}`} intent="delete-stream" version={version} />
                <input type="hidden" name="streamId" value={s.key} />
                <SubmitButton className="button button--secondary button--small" busy={busy} aria-label={`Delete the stream ${s.label}`}>
                  Delete
                </SubmitButton>
                <FieldError id={fieldId(`delete-stream-${s.key}`, "streamId")} error={remove.errors.streamId ?? remove.errors[""]} />
              </Form>
            </li>
          );
        })}
      </ul>
      <Form method="post" className="form-grid" id="add-stream">
        <FormBasics form="add-stream" intent="add-stream" version={version} />
        <FormMessage form="add-stream" state={add} />
        <TextField form="add-stream" name="label" label="New stream" state={add} hint="For example: Capability building." />
        <div className="actions">
          <SubmitButton className="button button--secondary" busy={busy}>
            Add stream
          </SubmitButton>
        </div>
      </Form>
    </section>
  );
}
