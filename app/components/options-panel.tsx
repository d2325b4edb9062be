import { Form } from "@remix-run/react";
import { Checkbox, FormBasics, FormMessage, TextArea, TextField } from "~/components/field";
import { MessageBeside, useMessageBeside } from "~/components/message-beside";
import { LevelLevers, LeverList, WithheldLevers } from "~/components/budget-panel";
import { KeepTyped } from "~/components/kept-typing";
import { Notice } from "~/components/ui";
import { plural } from "~/domain/plural";
import { formState, stateOfIntent, type FormReply } from "~/lib/forms";
import type { OptionsView, OptionView } from "~/models/proposal-options.server";

/*
 * The Proposal page's options (docs/domain.md §9.13): up to three, each with its scope, what it leaves
 * out, its own levers, fee and demand. Staff only. Each option's forms carry the option's own key, so a
 * refusal or a bad field answers beside that option and keeps what was typed.
 */

const whole = new Intl.NumberFormat("en-GB", { maximumFractionDigits: 0 });

function OptionFields({
  form,
  state,
  saved,
}: {
  form: string;
  state: ReturnType<typeof formState>;
  saved?: { name: string; scope: string; leavesOut: string };
}) {
  return (
    <>
      <TextField form={form} name="name" label="Name" hint="For example Core, Core + capability building, Phased." state={state} saved={saved?.name ?? ""} />
      <TextArea
        form={form}
        name="scope"
        label="Scope"
        hint="What the partner gets, in a sentence or two."
        state={state}
        saved={saved?.scope ?? ""}
        rows={3}
        maxLength={1000}
      />
      <TextArea form={form} name="leavesOut" label="What it leaves out" state={state} saved={saved?.leavesOut ?? ""} rows={2} maxLength={1000} />
    </>
  );
}

export function OptionsPanel({ view, reply }: { view: OptionsView; reply: FormReply | null | undefined }) {
  const adding = formState(reply, "option-new");
  // What an option's form did is said beside the option; an option added or removed, under the panel's heading.
  const said = useMessageBeside((sent) => String(sent.get("form") ?? "").startsWith("option-"));
  const saidFor = said ? String(said.sent.get("form")) : null;
  const money = (n: number) => `${view.currency ?? ""} ${whole.format(n)}`.trim();
  return (
    <section className="card no-print" aria-labelledby="options-heading" data-testid="options-panel">
      <h2 id="options-heading">
        Options <span className="badge badge--neutral">Internal</span>
      </h2>
      {view.options.length === 0 ? (
        <p>
          This proposal offers one scope. Add options to offer the partner up to {view.max}, each with its own levers, timeline and fee; the partner chooses one
          when accepting.
        </p>
      ) : (
        <p>
          The partner chooses one of these when accepting. Leadership approves them all, judging the one that asks most of our staff; until the partner chooses,
          that one's demand is booked tentatively.
        </p>
      )}
      {said && !view.options.some((o) => `option-${o.id}` === saidFor) ? <MessageBeside message={said.message} /> : null}
      {view.options.map((o) => {
        const key = `option-${o.id}`;
        const state = formState(reply, key);
        return (
          <article key={o.id} className="option" data-option={o.name} aria-labelledby={`${key}-heading`}>
            <h3 id={`${key}-heading`}>
              Option {String.fromCharCode(64 + o.position)}: {o.name}
              {o.largest ? (
                <>
                  {" "}
                  <span className="badge badge--neutral">Largest: judged by leadership</span>
                </>
              ) : null}
            </h3>
            <p>{o.scope}</p>
            {o.leavesOut ? <p>Leaves out: {o.leavesOut}</p> : null}
            <p>
              Fee {money(o.fee)} over {plural(o.months, "month")}; {plural(o.fteMonths, "FTE-month")} of our staff, {plural(o.facultyDays, "faculty day")}
              {o.capacity ? `; our capacity: ${o.capacity}` : ""}.
            </p>
            <p className="muted">{o.description}</p>
            <FormMessage form={key} state={state} />
            {saidFor === key ? <MessageBeside message={said?.message} /> : null}
            <p>{o.applied.length ? `Levers applied: ${o.applied.join("; ")}.` : "No levers applied: the plan as it is."}</p>
            {view.canEdit && o.applied.length ? (
              <Form method="post" preventScrollReset className="inline-form">
                <FormBasics form={key} intent="clear-option-levers" version={o.version} />
                <input type="hidden" name="option" value={o.id} />
                <button type="submit" className="button button--secondary">
                  Take the levers off {o.name}
                </button>
              </Form>
            ) : null}
            {view.canEdit && o.levers.length ? (
              <>
                <h4>{o.aboveBudget ? "Levers to close the gap" : "Levers that lower the fee"}</h4>
                <OptionLeverList option={o} formKey={key} levers={o.levers} />
              </>
            ) : null}
            {view.canEdit ? <WithheldLevers withheld={o.withheld} /> : null}
            {view.canEdit ? <OptionLevelLevers option={o} formKey={key} /> : null}
            {/* What every lever that does not raise the fee, those that leave it level included, cannot close between them. */}
            {view.canEdit && o.shortfall ? (
              <p className="lever-warning" data-testid="levers-shortfall">
                {o.shortfall}
              </p>
            ) : null}
            {view.canEdit && o.raising.length ? (
              <>
                <h4>Levers that raise the fee</h4>
                <p className="small muted">These do not close a gap to the budget: take one only for what it changes in the plan.</p>
                <OptionLeverList option={o} formKey={key} levers={o.raising} />
              </>
            ) : null}
            {view.canEdit ? (
              <>
                <details open={Boolean(state.values && state.values.intent === "edit-option")}>
                  <summary>Change {o.name}</summary>
                  <Form method="post" preventScrollReset className="stack">
                    <FormBasics form={key} intent="edit-option" version={o.version} />
                    <input type="hidden" name="option" value={o.id} />
                    <OptionFields form={key} state={stateOfIntent(state, "edit-option")} saved={o} />
                    <button type="submit" className="button button--secondary">
                      Save {o.name}
                    </button>
                  </Form>
                </details>
                <Form method="post" preventScrollReset className="inline-form" noValidate>
                  <FormBasics form={key} intent="remove-option" version={o.version} />
                  <input type="hidden" name="option" value={o.id} />
                  <Checkbox form={key} name="confirm" label={`Yes, remove ${o.name}: this cannot be undone.`} state={stateOfIntent(state, "remove-option")} />
                  <button type="submit" className="button button--secondary">
                    Remove {o.name}
                  </button>
                </Form>
              </>
            ) : null}
          </article>
        );
      })}
      {view.canEdit && view.options.length < view.max ? (
        view.feeSetByHand ? (
          <Notice>The fee is set by hand for the proposal as one scope. Go back to the rules' fee before offering options.</Notice>
        ) : (
          // Drawn afresh once an option is added, so the form closes behind it rather than staying open, emptied.
          <details key={view.options.length} open={Boolean(adding.values)}>
            <summary>Add an option</summary>
            <p className="small muted">It starts on the draft's own levers; apply levers to it afterwards.</p>
            <Form method="post" preventScrollReset className="stack">
              <input type="hidden" name="form" value="option-new" />
              <input type="hidden" name="intent" value="add-option" />
              <KeepTyped name="option-new" />
              <FormMessage form="option-new" state={adding} />
              <OptionFields form="option-new" state={adding} />
              <button type="submit" className="button">
                Add the option
              </button>
            </Form>
          </details>
        )
      ) : null}
    </section>
  );
}

/** An option's levers, each with its effect and a button to apply it to the option. */
/** The button that applies a lever to one option. */
function applyToOption(option: OptionView, formKey: string) {
  return (l: OptionView["levers"][number]) => (
    <Form method="post" preventScrollReset className="inline-form">
      <FormBasics form={formKey} intent="apply-option-lever" version={option.version} />
      <input type="hidden" name="option" value={option.id} />
      <input type="hidden" name="lever" value={l.lever} />
      <button type="submit" className="button button--secondary">
        Apply to {option.name}
      </button>
    </Form>
  );
}

function OptionLeverList({ option, formKey, levers }: { option: OptionView; formKey: string; levers: OptionView["levers"] }) {
  return <LeverList levers={levers} apply={applyToOption(option, formKey)} />;
}

function OptionLevelLevers({ option, formKey }: { option: OptionView; formKey: string }) {
  return <LevelLevers levers={option.level} heading="h4" apply={applyToOption(option, formKey)} />;
}
