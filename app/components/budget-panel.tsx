import { Form, Link } from "@remix-run/react";
import { lazy, Suspense, type ReactNode } from "react";
import { FormBasics, FormMessage, TextField } from "~/components/field";
import { MessageBeside } from "~/components/message-beside";
import { Notice } from "~/components/ui";
import type { FormState } from "~/lib/forms";
import type { BudgetView } from "~/models/pricing.server";
import { splitByFee } from "~/domain/lever-labels";

/** What the Fit and Proposal pages show of the fee against the budget (docs/domain.md §8.7–8.8). Staff only. */
export type BudgetPanelView = BudgetView;

/*
 * The exchange rate's panel is shown only for a budget in another currency, so its script is its own
 * chunk, fetched by the pages that show it: the server draws it whole (the page waits for every
 * boundary), and the browser keeps that drawing, a working form even before the chunk arrives, until
 * it hydrates it.
 */
const ExchangeRate = lazy(() => import("./exchange-rate"));

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
  said,
}: {
  view: BudgetPanelView;
  state: FormState;
  id: string;
  optionsAt: OptionsAt;
  /** YYYY-MM-DD: the day a new exchange rate's date starts from. */
  today: string;
  /** What the panel's last form did (useMessageBeside on the page): said in the panel, where the manager stays. */
  said?: string | null;
}) {
  const headingId = `${id}-heading`;
  // A lever the rounding leaves at the same fee cannot close the gap alone: it is listed apart, below those that can.
  // With a fee set by hand every lever changes the plan alike, so they stay in one list.
  const byFee = splitByFee(view.levers);
  const listed = view.override ? view.levers : byFee.lowering;
  const level = view.override ? [] : byFee.level;
  const apply = (l: BudgetPanelView["levers"][number]) =>
    view.canEdit ? (
      <Form method="post" preventScrollReset className="inline-form">
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
      <MessageBeside message={said} />
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
      {view.override ? (
        <p>
          Fee set by hand: {view.currency} {whole.format(view.fee)}, {view.override.discount > 0 ? `${view.override.discount}% below` : "against"} the{" "}
          {view.currency} {whole.format(view.ruleFee)} the pricing rules give. Reason: {view.override.reason}
        </p>
      ) : null}
      {view.belowCost ? (
        <Notice tone="danger">
          <span data-below-cost>{view.belowCost}</span>
        </Notice>
      ) : null}
      {view.exchange ? (
        <Suspense fallback={null}>
          <ExchangeRate exchange={view.exchange} canEdit={view.canEdit} version={view.version} form={id} state={state} today={today} />
        </Suspense>
      ) : null}
      <FormMessage form={id} state={state} />
      {view.canEdit && !view.offersOptions ? (
        <details open={Boolean(state.errors.fee || state.errors.reason)}>
          <summary>Set the fee by hand</summary>
          <Form method="post" preventScrollReset className="stack">
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
            <Form method="post" preventScrollReset>
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
            <Form method="post" preventScrollReset>
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
          {view.uncompared ? (
            <>
              <h3>Levers that lower the fee</h3>
              <p className="muted" data-testid="levers-uncompared">
                {view.uncompared}
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
        </>
      ) : null}
      {/* What the levers together cannot close, or, with none left to lower the fee, what is left. */}
      {view.shortfall ? (
        <p className="lever-warning" data-testid="levers-shortfall">
          {view.shortfall}
        </p>
      ) : null}
      <WithheldLevers withheld={view.withheld} />
    </section>
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
