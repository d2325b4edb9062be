import { Form } from "@remix-run/react";
import { FormBasics, FormMessage } from "~/components/field";
import { Notice } from "~/components/ui";
import type { FormState } from "~/lib/forms";

/** What the Fit and Proposal pages show of the fee against the budget (docs/domain.md §8.6–8.7). Staff only. */
export type BudgetPanelView = {
  fee: number;
  currency: string;
  buildUp: number;
  adjustment: string | null;
  comparison: { verdict: "no_budget" | "other_currency" | "within" | "above" | "below"; gap?: number };
  description: string;
  applied: string[];
  levers: { lever: string; label: string; change: string; effect: string }[];
  version: number;
  canEdit: boolean;
};

const whole = new Intl.NumberFormat("en-GB", { maximumFractionDigits: 0 });

export function BudgetPanel({ view, state, id }: { view: BudgetPanelView; state: FormState; id: string }) {
  const headingId = `${id}-heading`;
  return (
    <section className="card no-print" aria-labelledby={headingId} data-testid="budget-panel">
      <h2 id={headingId}>
        Fee and budget <span className="badge badge--neutral">Internal</span>
      </h2>
      {view.comparison.verdict === "above" ? <Notice tone="danger">{view.description}</Notice> : null}
      {view.comparison.verdict === "other_currency" ? <Notice>{view.description}</Notice> : null}
      {view.comparison.verdict !== "above" && view.comparison.verdict !== "other_currency" ? <p>{view.description}</p> : null}
      <p className="muted">
        Build-up {view.currency} {whole.format(view.buildUp)}
        {view.adjustment ? `, ${view.adjustment}` : ""}, rounded by the pricing rules. The partner sees only the fee and its payment schedule.
      </p>
      <FormMessage form={id} state={state} />
      {view.applied.length ? (
        <div>
          <p>Applied to this proposal: {view.applied.join("; ")}.</p>
          {view.canEdit ? (
            <Form method="post">
              <FormBasics form={id} intent="clear-levers" version={view.version} />
              <button type="submit" className="button button--secondary">
                Take the levers off
              </button>
            </Form>
          ) : null}
        </div>
      ) : null}
      {view.levers.length ? (
        <>
          <h3>Levers to close the gap</h3>
          <ul className="levers">
            {view.levers.map((l) => (
              <li key={l.lever} data-lever={l.lever}>
                <strong>{l.label}.</strong> {l.change}
                <br />
                <span>{l.effect}</span>
                {view.canEdit ? (
                  <Form method="post" className="inline-form">
                    <FormBasics form={id} intent="apply-lever" version={view.version} />
                    <input type="hidden" name="lever" value={l.lever} />
                    <button type="submit" className="button button--secondary">
                      Apply to the proposal
                    </button>
                  </Form>
                ) : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
