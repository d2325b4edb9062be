import { Form, Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { Field, fieldId, FormBasics, FormMessage, TextField } from "~/components/field";
import { Notice } from "~/components/ui";
import { shown, stateOfIntent, type FormState } from "~/lib/forms";
import type { BudgetView, ExchangeView } from "~/models/pricing.server";
import { splitByFee } from "~/domain/lever-labels";

/** What the Fit and Proposal pages show of the fee against the budget (docs/domain.md §8.7–8.8). Staff only. */
export type BudgetPanelView = BudgetView;

const whole = new Intl.NumberFormat("en-GB", { maximumFractionDigits: 0 });

/** One fee against the budget: in red above it, as a notice when the currencies differ, else plain (docs/domain.md §8.7). */
function AgainstBudget({ line }: { line: BudgetPanelView["offered"][number] }) {
  if (line.tone === "danger") return <Notice tone="danger">{line.description}</Notice>;
  if (line.tone === "notice") return <Notice>{line.description}</Notice>;
  return <p>{line.description}</p>;
}

/** Where the options' levers are, from the page showing the panel: a link and its words ("under Options below"). */
export type OptionsAt = { to: string; words: string };

export function BudgetPanel({
  view,
  state,
  id,
  optionsAt,
  today,
}: {
  view: BudgetPanelView;
  state: FormState;
  id: string;
  optionsAt: OptionsAt;
  /** YYYY-MM-DD: the day a new exchange rate's date starts from. */
  today: string;
}) {
  const headingId = `${id}-heading`;
  // A lever the rounding leaves at the same fee cannot close the gap alone: it is listed apart, below those that can.
  // With a fee set by hand every lever changes the plan alike, so they stay in one list.
  const byFee = splitByFee(view.levers);
  const listed = view.override ? view.levers : byFee.lowering;
  const level = view.override ? [] : byFee.level;
  const apply = (l: BudgetPanelView["levers"][number]) =>
    view.canEdit ? (
      <Form method="post" className="inline-form">
        <FormBasics form={id} intent="apply-lever" version={view.version} />
        <input type="hidden" name="lever" value={l.lever} />
        <button type="submit" className="button button--secondary">
          Apply to the proposal
        </button>
      </Form>
    ) : null;
  return (
    <section className="card no-print" aria-labelledby={headingId} data-testid="budget-panel">
      <h2 id={headingId}>
        Fee and budget <span className="badge badge--neutral">Internal</span>
      </h2>
      {view.offersOptions ? (
        <>
          <p>This proposal offers options: the partner chooses one, so each option's fee is compared with the partner's budget.</p>
          <ul className="budget-options" data-testid="budget-options">
            {view.offered.map((o) => (
              <li key={o.option} data-option={o.option}>
                <AgainstBudget line={o} />
              </li>
            ))}
          </ul>
          <p className="muted">
            Each option's fee comes from its own levers by the pricing rules; its levers are <Link to={optionsAt.to}>{optionsAt.words}</Link>. The partner sees
            only the fees and their payment schedules.
          </p>
        </>
      ) : (
        <>
          {view.offered.map((o) => (
            <AgainstBudget key="fee" line={o} />
          ))}
          <p className="muted">
            Build-up {view.currency} {whole.format(view.buildUp)}
            {view.adjustment ? `, ${view.adjustment}` : ""}, rounded by the pricing rules. The partner sees only the fee and its payment schedule.
          </p>
        </>
      )}
      {view.exchange ? <ExchangeRate exchange={view.exchange} canEdit={view.canEdit} version={view.version} form={id} state={state} today={today} /> : null}
      <FormMessage form={id} state={state} />
      {view.override ? (
        <p>
          Fee set by hand: {view.currency} {whole.format(view.fee)}, {view.override.discount > 0 ? `${view.override.discount}% below` : "against"} the{" "}
          {view.currency} {whole.format(view.ruleFee)} the pricing rules give. Reason: {view.override.reason}
        </p>
      ) : null}
      {view.override?.belowCost ? (
        <Notice tone="danger">
          <span data-below-cost>{view.override.belowCost}</span>
        </Notice>
      ) : null}
      {view.canEdit && !view.offersOptions ? (
        <details open={Boolean(state.errors.fee || state.errors.reason)}>
          <summary>Set the fee by hand</summary>
          <Form method="post" className="stack">
            <FormBasics form={id} intent="set-fee" version={view.version} />
            <TextField
              form={id}
              name="fee"
              label={`Fee (${view.currency})`}
              inputMode="numeric"
              state={state}
              saved={view.fee}
              hint={
                view.discountThreshold !== null
                  ? `More than ${view.discountThreshold}% below the rules' ${view.currency} ${whole.format(view.ruleFee)} takes a second leader's approval.`
                  : undefined
              }
            />
            <TextField form={id} name="reason" label="Reason for the change" state={state} saved={view.override?.reason ?? ""} />
            <button type="submit" className="button button--secondary">
              Set the fee
            </button>
          </Form>
          {view.override ? (
            <Form method="post">
              <FormBasics form={id} intent="clear-fee" version={view.version} />
              <button type="submit" className="button button--secondary">
                Go back to the rules' fee
              </button>
            </Form>
          ) : null}
        </details>
      ) : null}
      {view.applied.length ? (
        <div>
          <p>
            {view.offersOptions
              ? `Applied to the draft's plan without options, which a new option starts on: ${view.applied.join(
                  "; "
                )}. The options above keep their own levers.`
              : `Applied to this proposal: ${view.applied.join("; ")}.`}
          </p>
          {view.canEdit ? (
            <Form method="post">
              <FormBasics form={id} intent="clear-levers" version={view.version} />
              <button type="submit" className="button button--secondary">
                {view.offersOptions ? "Take the levers off the draft's plan" : "Take the levers off"}
              </button>
            </Form>
          ) : null}
        </div>
      ) : null}
      {view.levers.length ? (
        <>
          {view.comparison.verdict === "other_currency" ? (
            <>
              <h3>Levers that lower the fee</h3>
              <p className="muted" data-testid="levers-uncompared">
                The partner's budget cannot be compared with a fee in {view.currency}, so no lever is said to bring the fee within it: judge each lower fee
                against the budget yourself, or record the exchange rate above for the levers to fit the plan to the budget.
              </p>
            </>
          ) : listed.length ? (
            <h3>{view.override ? "Levers that change the plan" : "Levers to close the gap"}</h3>
          ) : null}
          {view.override ? (
            <p className="muted" data-levers-hand-fee>
              The fee is set by hand: a lever changes the plan and the rules' fee each one gives below, not the {view.currency} {whole.format(view.fee)} the
              partner is offered. Go back to the rules' fee for a lever to set the fee.
            </p>
          ) : null}
          {listed.length ? <LeverList levers={listed} apply={apply} /> : null}
          <LevelLevers levers={level} heading="h3" apply={apply} />
          {view.shortfall ? (
            <p className="lever-warning" data-testid="levers-shortfall">
              {view.shortfall}
            </p>
          ) : null}
        </>
      ) : null}
      <WithheldLevers withheld={view.withheld} />
    </section>
  );
}

/**
 * The exchange rate for a budget in another currency than the fee's (docs/domain.md §8.7): the rate
 * the fee is compared through, read both ways for the manager to check it, with its day and source; or,
 * with none, that none is guessed and a form to record one. The form reads "1 USD = [ ] EUR", the
 * partner's currency for one unit of ours, as the fee is converted.
 */
function ExchangeRate({
  exchange,
  canEdit,
  version,
  form,
  state: panelState,
  today,
}: {
  exchange: ExchangeView;
  canEdit: boolean;
  version: number;
  form: string;
  state: FormState;
  today: string;
}) {
  const state = stateOfIntent(panelState, "set-rate");
  const used = exchange.used;
  const sent = Boolean(state.values);
  const rateId = fieldId(form, "rate");
  const rateError = state.errors.rate ?? state.errors.currency;
  const hint = `How many ${exchange.theirs} one ${exchange.ours} buys: for 1 ${exchange.ours} = 0.92 ${exchange.theirs}, type 0.92. A decimal point is a dot.`;
  const fields = (
    <Form method="post" className="stack" data-testid="exchange-rate-form">
      <FormBasics form={form} intent="set-rate" version={version} />
      <input type="hidden" name="currency" value={exchange.theirs} />
      <Field id={rateId} label="Exchange rate" hint={hint} error={rateError}>
        <span className="rate-input">
          <span aria-hidden="true">1 {exchange.ours} =</span>{" "}
          <input
            id={rateId}
            name="rate"
            type="text"
            inputMode="decimal"
            size={12}
            defaultValue={shown(state, "rate", used?.figure)}
            aria-invalid={rateError ? true : undefined}
            aria-describedby={[`${rateId}-hint`, rateError ? `${rateId}-error` : null].filter(Boolean).join(" ")}
          />{" "}
          <span aria-hidden="true">{exchange.theirs}</span>
        </span>
      </Field>
      <TextField form={form} name="rateOn" type="date" label="Date of the rate" state={state} saved={used?.on ?? today} />
      <TextField
        form={form}
        name="rateSource"
        label="Where the rate is from (optional)"
        hint="For example “European Central Bank reference rate” or “Our bank's quote”. The partner's document names it."
        state={state}
        saved={used?.source ?? ""}
      />
      <button type="submit" className="button button--secondary">
        {used ? "Record the new rate" : "Record the rate"}
      </button>
    </Form>
  );
  return (
    <div className="exchange-rate" data-testid="exchange-rate">
      <h3>
        Exchange rate, {exchange.ours} to {exchange.theirs}
      </h3>
      {exchange.unused ? (
        <Notice>
          <span data-rate-unused>{exchange.unused.why}</span>
        </Notice>
      ) : null}
      {used ? (
        <p data-rate-used>
          <strong>{used.words}</strong> (so {used.inverse}), the rate of {used.onWords}
          {used.source ? `; source: ${used.source}` : ""}. The fee is set against the partner's budget through it; the next version freezes it, and the
          partner's document states the fee in {exchange.theirs} at this rate, the contract fixing the final one.
        </p>
      ) : (
        <p className="muted" data-rate-none>
          {canEdit
            ? `Record the rate you are using, with its date: the fee is then compared with the budget in ${exchange.theirs}, the levers fit the plan to it, and the partner's document states the fee in ${exchange.theirs} too.`
            : `No exchange rate is recorded: the fee is not compared with the budget in ${exchange.theirs} until the engagement's manager records one.`}
        </p>
      )}
      {!canEdit ? null : used ? (
        <details open={sent}>
          <summary>Change or clear the exchange rate</summary>
          {fields}
          <Form method="post">
            <FormBasics form={form} intent="clear-rate" version={version} />
            <button type="submit" className="button button--secondary">
              Clear the rate
            </button>
          </Form>
        </details>
      ) : (
        <>
          {fields}
          {exchange.unused ? (
            <Form method="post">
              <FormBasics form={form} intent="clear-rate" version={version} />
              <button type="submit" className="button button--secondary">
                Clear the rate for {exchange.unused.rate.to}
              </button>
            </Form>
          ) : null}
        </>
      )}
    </div>
  );
}

/** Why a lever the plan might have had is not offered ("Fewer sites in the first wave is not offered: …"). */
export function WithheldLevers({ withheld }: { withheld: readonly string[] }) {
  return (
    <>
      {withheld.map((w) => (
        <p key={w} className="muted" data-testid="lever-withheld">
          {w}
        </p>
      ))}
    </>
  );
}

/**
 * The levers the pricing rules' rounding leaves at the same fee (splitByFee), apart from those that
 * lower it, with why they are still offered; nothing when there are none.
 */
export function LevelLevers<L extends LeverLine>({ levers, heading, apply }: { levers: readonly L[]; heading: "h3" | "h4"; apply: (lever: L) => ReactNode }) {
  if (!levers.length) return null;
  const Heading = heading;
  return (
    <>
      <Heading>Levers that leave the fee as it is</Heading>
      <p className="small muted">After the pricing rules' rounding, each leaves the fee where it is on its own; taken with the others it may still lower it.</p>
      <LeverList levers={levers} apply={apply} />
    </>
  );
}

type LeverLine = { lever: string; label: string; change: string; effect: string; timeBreach: string | null };

/** Levers on offer, each with what it changes, its effect on the fee, any breach of the time allowed, and `apply`'s button. */
export function LeverList<L extends LeverLine>({ levers, apply }: { levers: readonly L[]; apply: (lever: L) => ReactNode }) {
  return (
    <ul className="levers">
      {levers.map((l) => (
        <li key={l.lever} data-lever={l.lever}>
          <strong>{l.label}.</strong> {l.change}
          <br />
          <span>{l.effect}</span>
          {l.timeBreach ? (
            <>
              <br />
              <span className="lever-warning">{l.timeBreach}</span>
            </>
          ) : null}
          {apply(l)}
        </li>
      ))}
    </ul>
  );
}
