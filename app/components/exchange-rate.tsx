import { Form } from "@remix-run/react";
import { Field, fieldId, FormBasics, TextField } from "~/components/field";
import { Notice } from "~/components/ui";
import { shown, stateOfIntent, type FormState } from "~/lib/forms";
import { rateHint, type ExchangeView } from "~/domain/exchange-rate";

/**
 * The exchange rate for a budget in another currency than the fee's (docs/domain.md §8.7): the rate
 * the fee is compared through, read both ways for the manager to check it, with its day and source; or,
 * with none, that none is guessed and a form to record one. The form reads "1 USD = [ ] EUR", the
 * partner's currency for one unit of ours, as the fee is converted.
 */
export default function ExchangeRate({
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
  // A rate that puts the fee out of scale with the budget is asked to be checked or confirmed beside the field (docs/domain.md §8.7).
  const scaleQuestion = state.errors.rate || state.errors.currency ? undefined : state.errors.confirmRate;
  const rateError = state.errors.rate ?? state.errors.currency ?? scaleQuestion;
  const typedRate = shown(state, "rate", used?.figure);
  const confirmId = fieldId(form, "confirmRate");
  const hint = rateHint(exchange);
  const fields = (
    <Form method="post" preventScrollReset className="stack" data-testid="exchange-rate-form">
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
            defaultValue={typedRate}
            aria-invalid={rateError ? true : undefined}
            aria-describedby={[`${rateId}-hint`, rateError ? `${rateId}-error` : null].filter(Boolean).join(" ")}
          />{" "}
          <span aria-hidden="true">{exchange.theirs}</span>
        </span>
      </Field>
      {scaleQuestion ? (
        // The confirmation names the rate it was asked for: a different rate typed with it is judged afresh.
        <label className="choice" htmlFor={confirmId} data-testid="confirm-rate">
          <input type="checkbox" id={confirmId} name="confirmRate" value={typedRate} /> Yes, 1 {exchange.ours} = {typedRate} {exchange.theirs} is the rate to
          record
        </label>
      ) : null}
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
          <Form method="post" preventScrollReset>
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
            <Form method="post" preventScrollReset>
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
