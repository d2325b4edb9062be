import { Form, Link, useNavigation } from "@remix-run/react";
import { useEffect, useRef, type ReactNode } from "react";
import { Checkbox, ErrorSummary } from "~/components/field";
import { Notice } from "~/components/ui";
import { NO_STATE, type FormState } from "~/lib/forms";
import { SubmitButton } from "~/components/submit-button";

/**
 * The pieces every administrator's list of records is made of (staff, users, open collaboratives):
 * a table whose first column links to the record, a card that adds one, and on the record's own page
 * a card that edits it and one that removes it. Each admin page says only what its records are.
 */

export type RecordColumn<Row> = {
  header: string;
  /** Right-aligned figures. */
  numeric?: boolean;
  cell: (row: Row) => ReactNode;
};

export function RecordTable<Row extends { id: number }>({
  caption,
  rows,
  name,
  href,
  columns,
  ...data
}: {
  caption: string;
  rows: Row[];
  /** The first column: the record's name, linking to its page. */
  name: RecordColumn<Row> & { cell: (row: Row) => string };
  href: (row: Row) => string;
  columns: RecordColumn<Row>[];
} & { [attribute: `data-${string}`]: boolean | string }) {
  const numeric = (column: RecordColumn<Row>) => (column.numeric ? "num" : undefined);
  return (
    <div className="table-wrap card" style={{ padding: 0 }}>
      <table className="data" {...data}>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {[name, ...columns].map((column) => (
              <th scope="col" key={column.header} className={numeric(column)}>
                {column.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id}>
              <td>
                <Link to={href(row)}>{name.cell(row)}</Link>
              </td>
              {columns.map((column) => (
                <td key={column.header} className={numeric(column)}>
                  {column.cell(row)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The card under a list that adds a record: its fields, the problems with what was sent, one button. */
export function AddRecordCard({
  id,
  title,
  form,
  labels,
  submit,
  children,
}: {
  id: string;
  title: string;
  form: FormState;
  labels?: Record<string, string>;
  submit: string;
  children: ReactNode;
}) {
  const navigation = useNavigation();
  const ref = useRef<HTMLFormElement>(null);
  const sent = useRef(false);
  const refused = Object.keys(form.errors).length > 0;
  // Once a record is added the card is empty again, as it is after a page load without scripts: what was
  // typed stays only when it came back refused, so one click too many cannot add the same record twice.
  useEffect(() => {
    if (navigation.state === "submitting" && navigation.formMethod?.toUpperCase() === "POST") sent.current = true;
    else if (navigation.state === "idle" && sent.current) {
      sent.current = false;
      if (!refused) ref.current?.reset();
    }
  }, [navigation.state, navigation.formMethod, refused]);
  return (
    <section className="card" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      <ErrorSummary errors={form.errors} labels={labels} />
      <Form method="post" noValidate ref={ref}>
        {children}
        <div className="actions">
          {/* Disabled until the list has reloaded too: a click while it loads would add the same record again. */}
          <SubmitButton className="button" busy={navigation.state !== "idle"}>
            {submit}
          </SubmitButton>
        </div>
      </Form>
    </section>
  );
}

/**
 * A record's own page: the card that saves it (sending the version it was read at, so a change made
 * meanwhile by someone else is caught), and the card that removes it, saying what removing it does.
 */
export function EditRecordCards({
  form,
  labels,
  version,
  fields,
  removeName,
  removeTitle = "Remove",
  removeEffect,
}: {
  form: FormState;
  labels?: Record<string, string>;
  version: number;
  /** The record's fields, drawn from the state they should show. */
  fields: (state: FormState) => ReactNode;
  removeName: string;
  removeTitle?: string;
  removeEffect: string;
}) {
  // What a removal sent is not the record's fields: the edit card then shows the record as saved, and
  // the removal's messages (the tick, or anything else) are said in the remove card.
  const navigation = useNavigation();
  const busy = navigation.state !== "idle";
  const removing = form.values?.intent === "remove";
  const saving = removing ? NO_STATE : form;
  const { "": formError, ...errors } = saving.errors;
  const removal = removing ? form : NO_STATE;
  const { "": removalError, ...removalErrors } = removal.errors;
  return (
    <>
      <section className="card">
        {formError ? <Notice>{formError}</Notice> : null}
        <ErrorSummary errors={errors} labels={labels} />
        <Form method="post" noValidate>
          <input type="hidden" name="version" value={version} />
          {fields(saving)}
          <div className="actions">
            <SubmitButton className="button" name="intent" value="save" busy={busy}>
              Save
            </SubmitButton>
          </div>
        </Form>
      </section>
      <section className="card" aria-labelledby="remove-heading">
        <h2 id="remove-heading">{removeTitle}</h2>
        <p>{removeEffect}</p>
        {removalError ? <Notice>{removalError}</Notice> : null}
        <ErrorSummary errors={removalErrors} level={3} />
        <Form method="post" noValidate>
          <Checkbox name="confirm" label={`Yes, remove ${removeName}: this cannot be undone.`} state={removal} />
          <div className="actions">
            <SubmitButton className="button button--danger" name="intent" value="remove" busy={busy}>
              Remove {removeName}
            </SubmitButton>
          </div>
        </Form>
      </section>
    </>
  );
}
