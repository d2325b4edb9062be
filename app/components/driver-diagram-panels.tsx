import { Form, Link } from "@remix-run/react";
import { endsSentence, sentenceStart } from "~/domain/text";
import { StatusBadge } from "~/components/ui";
import type { CsvError } from "~/domain/driver-diagram-csv";
import type { Aim, DriverDiagram } from "~/domain/driver-diagram";
import {
  diagramTableRows,
  DRIVER_DIAGRAM_CSV_COLUMNS,
  itemAnchor,
  LINK_STRENGTH_LABELS,
  MEASURE_KIND_LABELS,
  measureTableRows,
} from "~/domain/driver-diagram-view";
import { shown, type FormState } from "~/lib/forms";
import { fieldId, FormBasics, FormMessage, TextArea, TextField } from "./field";

export type TemplateOfferView = {
  key: string;
  title: string;
  status: string;
  note: string;
  references: { text: string; url: string | null }[];
  matchesTopPriority: boolean;
  counts: { primary: number; secondary: number; change: number; measures: number };
  aim: string;
};

/** Choosing the topic template to start from; the one for the partner's top priority is offered first. */
export function StartFromTemplate({
  offers,
  topPriority,
  draftAim,
  intakeHref,
  state,
}: {
  offers: TemplateOfferView[];
  topPriority: { label: string; writtenIn: boolean } | null;
  /** The intake's draft aim, which the diagram starts with whichever template it starts from. */
  draftAim: string | null;
  intakeHref: string;
  state: FormState;
}) {
  const chosen = shown(state, "templateKey") || offers[0]?.key;
  return (
    <section className="card" aria-labelledby="start-heading">
      <h2 id="start-heading">Start the driver diagram</h2>
      <p>
        A driver diagram is the theory of change: the aim, the primary drivers that most directly move it, the secondary drivers under them, and the change
        ideas to test, with a measure for each. Start from a topic template and make it the partner's own.
      </p>
      <p className="small muted">
        {topPriority === null ? (
          <>The intake has no top priority yet. </>
        ) : topPriority.writtenIn ? (
          <>
            The partner's top priority, written in, is “{topPriority.label}”. No template is made for it: start from the closest topic or the blank template.{" "}
          </>
        ) : (
          <>The partner's top priority is {topPriority.label}. </>
        )}
        {draftAim ? (
          <>
            The diagram's aim is filled in from the intake's draft aim, whichever template it starts from: <q data-draft-aim>{sentenceStart(draftAim)}</q>
            {endsSentence(draftAim) ? "" : "."} Each template shows its own aim below.
          </>
        ) : (
          <>
            The intake has no draft aim yet, so the template's wording is used: <Link to={intakeHref}>add the draft aim to the intake</Link> or edit the aim
            afterwards.
          </>
        )}
      </p>
      <Form method="post">
        <FormBasics form="start" intent="start-from-template" version={0} />
        <FormMessage form="start" state={state} />
        <fieldset className={state.errors.templateKey ? "field field--error dd-templates" : "dd-templates"}>
          <legend>Template</legend>
          {state.errors.templateKey ? (
            <p className="field-error" id={fieldId("start", "templateKey-error")}>
              {state.errors.templateKey}
            </p>
          ) : null}
          {offers.map((t, i) => (
            <label key={t.key} className="dd-template" htmlFor={i === 0 ? fieldId("start", "templateKey") : `template-${t.key}`}>
              <input
                type="radio"
                name="templateKey"
                value={t.key}
                id={i === 0 ? fieldId("start", "templateKey") : `template-${t.key}`}
                defaultChecked={t.key === chosen}
              />
              <span className="dd-template__body">
                <span className="dd-template__title">
                  {t.title} {t.matchesTopPriority ? <StatusBadge tone="success">Matches the top priority</StatusBadge> : null}{" "}
                  <StatusBadge tone={t.status.startsWith("Assumption") ? "warning" : "neutral"}>{t.status}</StatusBadge>
                </span>
                <span className="small muted">
                  {t.counts.primary} primary drivers, {t.counts.secondary} secondary drivers, {t.counts.change} change ideas, {t.counts.measures} measures
                </span>
                <span className="small">
                  <span className="muted">{draftAim ? "Template's own aim, replaced by the draft aim: " : "Aim: "}</span>
                  {t.aim}
                </span>
              </span>
            </label>
          ))}
        </fieldset>
        <details className="small">
          <summary>Where the templates come from</summary>
          <ul>
            {offers.map((t) => (
              <li key={t.key}>
                <strong>{t.title}:</strong> {t.note}
                {t.references.length > 0 ? (
                  <ul>
                    {t.references.map((r) => (
                      <li key={r.text}>
                        {r.text}{" "}
                        {r.url ? (
                          <a href={r.url} rel="noreferrer">
                            {r.url}
                          </a>
                        ) : null}
                      </li>
                    ))}
                  </ul>
                ) : null}
              </li>
            ))}
          </ul>
        </details>
        <div className="actions">
          <button className="button" type="submit">
            Start from this template
          </button>
        </div>
      </Form>
    </section>
  );
}

export function AimEditor({
  aim,
  version,
  canEdit,
  state,
  draftAim,
}: {
  aim: Aim;
  version: number;
  canEdit: boolean;
  state: FormState;
  draftAim: string | null;
}) {
  const form = "aim";
  if (!canEdit) {
    return (
      <section aria-labelledby="aim-heading" id="aim">
        <h2 id="aim-heading">Aim</h2>
        <dl className="facts">
          <dt>Aim</dt>
          <dd>{sentenceStart(aim.statement) || <span className="muted">None yet</span>}</dd>
          <dt>Baseline</dt>
          <dd>{aim.baseline || <span className="muted">None</span>}</dd>
          <dt>Target</dt>
          <dd>{aim.target || <span className="muted">None</span>}</dd>
          <dt>By when</dt>
          <dd>{aim.byWhen || <span className="muted">None</span>}</dd>
          <dt>For whom</dt>
          <dd>{aim.population || <span className="muted">None</span>}</dd>
        </dl>
      </section>
    );
  }
  return (
    <section aria-labelledby="aim-heading" id="aim">
      <h2 id="aim-heading">Aim</h2>
      <p className="muted small">What will be improved, by how much, for whom and by when: “some is not a number, soon is not a time”.</p>
      {draftAim ? (
        <p className="small">
          <span className="muted">The intake's draft aim:</span> {sentenceStart(draftAim)}
        </p>
      ) : null}
      <Form method="post" key={`aim-${version}`}>
        <FormBasics form={form} intent="set-aim" version={version} />
        <FormMessage form={form} state={state} />
        <TextArea form={form} name="statement" label="Aim" hint="One sentence." rows={3} state={state} saved={aim.statement} className="dd-wide-field" />
        <div className="row-grid">
          <TextField form={form} name="baseline" label="Baseline" hint="Where things stand now." state={state} saved={aim.baseline} />
          <TextField
            form={form}
            name="target"
            label="Target"
            hint="The number to reach. An outcome measure with the same target follows it."
            state={state}
            saved={aim.target}
          />
        </div>
        <div className="row-grid">
          <TextField form={form} name="byWhen" label="By when" hint="A month and year, e.g. August 2028." state={state} saved={aim.byWhen} />
          <TextField form={form} name="population" label="For whom" hint="The patients, units or sites it covers." state={state} saved={aim.population} />
        </div>
        <button className="button" type="submit">
          Save aim
        </button>
      </Form>
    </section>
  );
}

/**
 * One step that puts the intake's date or baselines into the aim (docs/domain.md §6.6): the aim as the
 * check mended it, saved as the aim form would save it, so what is typed on the intake reaches the
 * proposal's aim.
 */
export function AimMend({ aim, words, form, version, state }: { aim: Aim; words: string; form: string; version: number; state: FormState }) {
  return (
    <Form method="post" className="dd-finding__mend">
      <FormBasics form={form} intent="set-aim" version={version} />
      {(["statement", "baseline", "target", "byWhen", "population"] as const).map((name) => (
        <input key={name} type="hidden" name={name} value={aim[name]} />
      ))}
      <FormMessage form={form} state={state} />
      <button className="button button--small" type="submit">
        {words}
      </button>
    </Form>
  );
}

/** The same model as a table: every item with what it serves and its measures, then the measurement plan. */
export function DiagramTables({ diagram, href }: { diagram: DriverDiagram; href: (changes: Record<string, string | null>, hash?: string) => string }) {
  const rows = diagramTableRows(diagram);
  const measures = measureTableRows(diagram);
  return (
    <section aria-labelledby="table-heading">
      <h2 id="table-heading">Table</h2>
      <div className="table-wrap">
        <table className="data dd-table">
          <caption>Drivers and change ideas</caption>
          <thead>
            <tr>
              <th scope="col">No.</th>
              <th scope="col">Kind</th>
              <th scope="col">Item</th>
              <th scope="col">Serves</th>
              <th scope="col">Measures</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id} className={`dd-row--${r.kind}`}>
                <td className="num">{r.number}</td>
                <td>{r.kindLabel}</td>
                <th scope="row">
                  <Link to={href({ tab: r.kind === "aim" ? "aim" : "outline" }, itemAnchor(r.id))}>{r.label || "(no aim yet)"}</Link>
                  {r.assumption ? (
                    <>
                      {" "}
                      <StatusBadge tone="warning">Assumption</StatusBadge>
                    </>
                  ) : null}
                </th>
                <td>
                  {r.parents.length ? (
                    <ul className="dd-cell-list">
                      {r.parents.map((p) => (
                        <li key={p.id}>
                          {p.label}
                          {p.strength === "weak" ? <span className="muted"> ({LINK_STRENGTH_LABELS.weak.toLowerCase()})</span> : null}
                        </li>
                      ))}
                    </ul>
                  ) : r.kind === "primary" ? (
                    <span className="muted">The aim</span>
                  ) : null}
                </td>
                <td>
                  {r.measures.length ? (
                    <ul className="dd-cell-list">
                      {r.measures.map((m) => (
                        <li key={m.id}>
                          <span className="muted">{MEASURE_KIND_LABELS[m.kind]}:</span> {m.name}
                        </li>
                      ))}
                    </ul>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="table-wrap">
        <table className="data dd-table dd-plan">
          <caption>Measurement plan</caption>
          <thead>
            <tr>
              <th scope="col">Kind</th>
              <th scope="col">Measure</th>
              <th scope="col">Attached to</th>
              <th scope="col">Operational definition</th>
              <th scope="col">Numerator / denominator</th>
              <th scope="col">Source</th>
              <th scope="col">Frequency</th>
              <th scope="col">Target</th>
            </tr>
          </thead>
          <tbody>
            {measures.map((m) => (
              <tr key={m.id}>
                <td>{m.kindLabel}</td>
                <th scope="row">
                  <Link to={href({ tab: "measures" }, itemAnchor(m.id))}>{m.name}</Link>
                </th>
                <td>{m.attachedToLabel}</td>
                <td className="dd-pre">{m.definition}</td>
                <td className="dd-pre">
                  {m.numerator}
                  {m.numerator || m.denominator ? <span className="muted"> ÷ </span> : null}
                  {m.denominator}
                </td>
                <td>{m.source}</td>
                <td>{m.frequency}</td>
                <td>{m.target}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/** Download the outline as CSV, edit it in a spreadsheet, upload it again. */
export function CsvPanel({
  version,
  canEdit,
  downloads,
  state,
  csvErrors,
}: {
  version: number;
  canEdit: boolean;
  downloads: { csv: string; mmd: string } | null;
  state: FormState;
  csvErrors: CsvError[];
}) {
  const form = "import-csv";
  const id = fieldId(form, "file");
  const error = state.errors.file;
  return (
    <section aria-labelledby="csv-heading">
      <h2 id="csv-heading">Import and export</h2>
      <p>
        The outline as a CSV file: one row for the aim, one per driver or change idea, one per measure. Edit it in a spreadsheet and upload it here to replace
        the diagram.
      </p>
      {downloads ? (
        <p className="actions">
          <a className="button button--secondary" href={downloads.csv} download>
            Download the outline (CSV)
          </a>
          <a className="button button--secondary" href={downloads.mmd} download>
            Download the mermaid source (.mmd)
          </a>
        </p>
      ) : null}
      {canEdit ? (
        <>
          <h3>Upload an outline</h3>
          {csvErrors.length ? (
            <div className="error-summary" role="alert" id="csv-errors">
              <h2>The file was not imported</h2>
              <p>Nothing was changed. Correct these lines and upload it again:</p>
              <ul>
                {csvErrors.map((e, i) => (
                  <li key={i}>
                    <strong>Line {e.line}:</strong> {e.message}
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
          <Form method="post" encType="multipart/form-data" key={`csv-${version}`}>
            <FormBasics form={form} intent="import-csv" version={version} />
            <FormMessage form={form} state={state} />
            <div className={error ? "field field--error" : "field"}>
              <label htmlFor={id}>CSV file</label>
              <span className="hint" id={`${id}-hint`}>
                {version > 0 ? "It replaces the whole diagram: aim, drivers, change ideas and measures." : "It becomes the diagram."}
              </span>
              <input id={id} name="file" type="file" accept=".csv,text/csv" aria-describedby={`${id}-hint${error ? ` ${id}-error` : ""}`} />
              {error ? (
                <p className="field-error" id={`${id}-error`}>
                  {error}
                </p>
              ) : null}
            </div>
            <button className="button" type="submit">
              {version > 0 ? "Upload and replace" : "Upload"}
            </button>
          </Form>
        </>
      ) : null}
      <details className="small">
        <summary>The columns</summary>
        <p>
          <code>{DRIVER_DIAGRAM_CSV_COLUMNS.join(",")}</code>
        </p>
        <ul>
          <li>
            <code>kind</code>: aim, primary, secondary, change or measure.
          </li>
          <li>
            <code>id</code>: n1, n2 … for drivers and change ideas; m1, m2 … for measures; empty for the aim.
          </li>
          <li>
            <code>parents</code> and <code>strength</code>: what a secondary driver or change idea serves, such as <code>n1;n4</code>, and{" "}
            <code>strong;weak</code> in the same order.
          </li>
          <li>
            <code>attached_to</code> and <code>measure_kind</code>: for measures, <code>aim</code> or a node id, and outcome, process or balancing.
          </li>
          <li>
            <code>assumption</code>: yes when the item is inferred and still to be reviewed.
          </li>
        </ul>
      </details>
    </section>
  );
}
