import { Form } from "@remix-run/react";
import { StatusBadge } from "~/components/ui";
import type { DriverDiagram, Measure } from "~/domain/driver-diagram";
import {
  diagramTableRows,
  itemAnchor,
  MEASURE_KIND_LABELS,
  MEASURE_KINDS,
  measureTableRows,
  NODE_KIND_LABELS,
  NODE_KINDS,
  type MeasureKind,
} from "~/domain/driver-diagram-view";
import type { FormState } from "~/lib/forms";
import { Checkbox, FormBasics, FormMessage, SelectField, TextArea, TextField, type OptionGroup } from "./field";

const KIND_HINTS: Record<MeasureKind, string> = {
  outcome: "Outcome measures belong to the aim: they show whether the changes lead to improvement.",
  process: "Process measures follow a driver or change idea: they show whether the change is happening as intended.",
  balancing: "Balancing measures watch for problems the changes could cause elsewhere in the system.",
};

const DEFINITION_FIELDS = [
  ["definition", "Operational definition"],
  ["numerator", "Numerator"],
  ["denominator", "Denominator"],
  ["source", "Data source"],
  ["frequency", "Frequency"],
  ["target", "Target"],
] as const;

/** Where a measure can be attached: the aim, then each driver or change idea by its outline number. */
function attachGroups(d: DriverDiagram): OptionGroup[] {
  const rows = diagramTableRows(d);
  return [
    { label: "Aim", options: [{ value: "aim", label: "The aim" }] },
    ...NODE_KINDS.map((kind) => ({
      label: `${NODE_KIND_LABELS[kind]}s`,
      options: rows
        .filter((r) => r.kind === kind)
        .map((r) => ({ value: r.id, label: `${r.number ? `${r.number} ` : ""}${r.label.length > 90 ? `${r.label.slice(0, 89)}…` : r.label}` })),
    })),
  ];
}

export function MeasuresEditor({
  diagram,
  version,
  canEdit,
  stateFor,
  attach,
}: {
  diagram: DriverDiagram;
  version: number;
  canEdit: boolean;
  stateFor: (form: string) => FormState;
  /** Pre-selects what a new measure is attached to (from "Add a measure" on an outline item). */
  attach: string | null;
}) {
  const rows = measureTableRows(diagram);
  const groups = attachGroups(diagram);
  const newState = stateFor("add-measure");
  const attachTo = attach && (attach === "aim" || diagram.nodes.some((n) => n.id === attach)) ? attach : "aim";
  return (
    <section aria-labelledby="measures-heading">
      <h2 id="measures-heading">Measures</h2>
      <p className="muted small">
        A family of measures: outcome measures for the aim, process measures for the drivers and change ideas, balancing measures for side effects. Each needs
        an operational definition that two people collecting it would apply the same way.
      </p>
      {MEASURE_KINDS.map((kind) => {
        const ofKind = rows.filter((m) => m.kind === kind);
        return (
          <div key={kind} className="dd-measure-group">
            <h3>
              {MEASURE_KIND_LABELS[kind]} measures <span className="muted small">({ofKind.length})</span>
            </h3>
            <p className="small muted">{KIND_HINTS[kind]}</p>
            {ofKind.length === 0 ? <p className="muted">None yet.</p> : null}
            <ul className="dd-measure-list">
              {ofKind.map((m) => (
                <li key={m.id} id={itemAnchor(m.id)} className="row-card dd-measure">
                  <div className="dd-measure__head">
                    <h4>{m.name}</h4>
                    <StatusBadge tone="info">{m.kindLabel}</StatusBadge>
                    {m.assumption ? <StatusBadge tone="warning">Assumption to review</StatusBadge> : null}
                  </div>
                  <p className="small">
                    <span className="muted">Attached to:</span> {m.attachedToLabel}
                  </p>
                  <dl className="facts small">
                    {DEFINITION_FIELDS.map(([field, label]) => (
                      <div key={field} className="dd-fact">
                        <dt>{label}</dt>
                        <dd>{m[field] ? <span className="dd-pre">{m[field]}</span> : <span className="muted">Not defined yet</span>}</dd>
                      </div>
                    ))}
                  </dl>
                  {canEdit ? (
                    <div className="dd-measure-actions">
                      <details className="dd-edit" open={stateFor(`measure-${m.id}`).values !== null || undefined}>
                        <summary>
                          Edit<span className="visually-hidden"> {m.name}</span>
                        </summary>
                        <MeasureForm form={`measure-${m.id}`} measure={m} version={version} groups={groups} state={stateFor(`measure-${m.id}`)} />
                      </details>
                      <Form method="post" className="dd-button-group">
                        <FormBasics form={`delete-measure-${m.id}`} intent="delete-measure" version={version} />
                        <input type="hidden" name="measureId" value={m.id} />
                        <button className="button button--secondary button--small dd-danger-link" type="submit">
                          Delete measure<span className="visually-hidden"> {m.name}</span>
                        </button>
                        <FormMessage form={`delete-measure-${m.id}`} state={stateFor(`delete-measure-${m.id}`)} />
                      </Form>
                    </div>
                  ) : null}
                </li>
              ))}
            </ul>
          </div>
        );
      })}
      {canEdit ? (
        <div id="add-measure" className="dd-add-measure">
          <h3>Add a measure</h3>
          <MeasureForm
            form="add-measure"
            measure={null}
            version={version}
            groups={groups}
            state={newState}
            defaults={{ attachedTo: attachTo, kind: attachTo === "aim" ? "outcome" : "process" }}
          />
        </div>
      ) : null}
    </section>
  );
}

function MeasureForm({
  form,
  measure,
  version,
  groups,
  state,
  defaults,
}: {
  form: string;
  measure: Measure | null;
  version: number;
  groups: OptionGroup[];
  state: FormState;
  defaults?: { attachedTo: string; kind: MeasureKind };
}) {
  return (
    <Form method="post" className="dd-measure-form" key={`${form}-${version}`}>
      <FormBasics form={form} intent="upsert-measure" version={version} />
      <input type="hidden" name="measureId" value={measure?.id ?? ""} />
      <FormMessage form={form} state={state} />
      <div className="row-grid">
        <SelectField
          form={form}
          name="kind"
          label="Kind"
          state={state}
          saved={measure?.kind ?? defaults?.kind ?? "outcome"}
          options={MEASURE_KINDS.map((k) => ({ value: k, label: MEASURE_KIND_LABELS[k] }))}
        />
        <SelectField
          form={form}
          name="attachedTo"
          label="Attached to"
          state={state}
          saved={measure?.attachedTo ?? defaults?.attachedTo ?? "aim"}
          groups={groups}
        />
      </div>
      <TextField form={form} name="name" label="Name" hint="What it counts, in a few words." state={state} saved={measure?.name} />
      <TextArea
        rows={3}
        form={form}
        name="definition"
        label="Operational definition"
        hint="Exactly what is counted, and how: so that two people collecting it count the same thing."
        state={state}
        saved={measure?.definition}
      />
      <div className="row-grid">
        <TextArea form={form} name="numerator" label="Numerator" state={state} saved={measure?.numerator} rows={2} />
        <TextArea form={form} name="denominator" label="Denominator" state={state} saved={measure?.denominator} rows={2} />
      </div>
      <div className="row-grid">
        <TextField form={form} name="source" label="Data source" state={state} saved={measure?.source} />
        <TextField form={form} name="frequency" label="Frequency" state={state} saved={measure?.frequency} />
        <TextField form={form} name="target" label="Target" state={state} saved={measure?.target} />
      </div>
      <Checkbox
        form={form}
        name="assumption"
        label="An assumption to review with the partner (inferred, not from a published source)"
        state={state}
        saved={measure?.assumption ?? false}
      />
      <button className="button" type="submit">
        {measure ? "Save measure" : "Add measure"}
      </button>
    </Form>
  );
}
