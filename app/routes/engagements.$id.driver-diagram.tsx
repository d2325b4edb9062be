import { data, redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData, type ShouldRevalidateFunction } from "@remix-run/react";
import { DeleteConfirmation, OutlineEditor } from "~/components/driver-diagram-outline";
import { fieldId, NO_STATE, type FormState } from "~/components/driver-diagram-fields";
import { DiagramFigure, FindingsPanel, type MeasureMode } from "~/components/driver-diagram-figure";
import { MeasuresEditor } from "~/components/driver-diagram-measures";
import { AimEditor, CsvPanel, DiagramTables, StartFromTemplate } from "~/components/driver-diagram-panels";
import { RouteErrorBoundary } from "~/components/error-page";
import { useFocusOnErrors } from "~/components/field";
import { EmptyState, formatDate, Notice } from "~/components/ui";
import { describeDeletion, lintDriverDiagram, NODE_ID_PATTERN, type LintFinding } from "~/domain/driver-diagram";
import { driverDiagramFromCsv, type CsvError } from "~/domain/driver-diagram-csv";
import { driverDiagramToMermaid } from "~/domain/driver-diagram-mermaid";
import { editedItem, fieldForRefusal, itemAnchor, parseDriverDiagramForm } from "~/domain/driver-diagram-forms";
import { draftAimFromIntake } from "~/domain/driver-diagram-start";
import { BODY_LIMITS } from "~/domain/limits";
import { formValues } from "~/lib/forms";
import { engagementIdParam } from "~/lib/params";
import {
  driverDiagramFileBase,
  driverDiagramStartOptions,
  editDriverDiagram,
  getDriverDiagram,
  replaceDriverDiagram,
  startDriverDiagram,
  templateTitle,
  type DiagramChange,
  type DiagramSaveResult,
} from "~/models/driver-diagram.server";
import { getEngagementForStaff } from "~/models/engagements.server";
import { getIntake } from "~/models/intake.server";
import { requireUser, setFlash } from "~/services/session.server";
import styles from "~/styles/driver-diagram.css";

export const meta: MetaFunction = () => [{ title: "Driver diagram · Partnership Planner" }];
export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

const TABS = [
  { key: "outline", label: "Outline" },
  { key: "measures", label: "Measures" },
  { key: "aim", label: "Aim" },
  { key: "table", label: "Table" },
  { key: "csv", label: "Import and export" },
] as const;
type Tab = (typeof TABS)[number]["key"];

/** What the page shows, from its address: the tab, the drawing's size and measures, a deletion to confirm. */
function viewFrom(url: URL) {
  const p = url.searchParams;
  const tab = TABS.find((t) => t.key === p.get("tab"))?.key ?? "outline";
  const measures: MeasureMode = p.get("measures") === "names" ? "names" : p.get("measures") === "none" ? "none" : "count";
  const id = (name: string) => {
    const v = p.get(name);
    return v && (NODE_ID_PATTERN.test(v) || v === "aim") ? v : null;
  };
  return { tab: tab as Tab, wide: p.get("wide") === "1", measures, deleteId: id("delete"), attach: id("attach") };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = requireUser(request);
  const id = engagementIdParam(params);
  const engagement = getEngagementForStaff(user, id);
  const stored = getDriverDiagram(user, id);
  const view = viewFrom(new URL(request.url));
  const fileBase = driverDiagramFileBase(engagement.title);
  const draftAim = draftAimFromIntake(getIntake(user, id).intake).draftAim;
  if (!stored) {
    return { id, canEdit: engagement.canEdit, view, fileBase, draftAim, diagram: null, start: engagement.canEdit ? driverDiagramStartOptions(user, id) : null };
  }
  const d = stored.diagram;
  return {
    id,
    canEdit: engagement.canEdit,
    view,
    fileBase,
    draftAim,
    start: null,
    diagram: {
      model: d,
      version: stored.version,
      updatedAt: stored.updatedAt,
      updatedByName: stored.updatedByName,
      templateTitle: templateTitle(stored.templateKey),
      mermaid: driverDiagramToMermaid(d, { measures: view.measures }),
      findings: lintDriverDiagram(d),
      deletion: view.deleteId ? describeDeletion(d, view.deleteId) : null,
    },
  };
}

type ActionResult = {
  form: string;
  errors: Record<string, string>;
  values: Record<string, string>;
  csvErrors: CsvError[];
  conflict: { version: number; changes: DiagramChange[] } | null;
};

function answer(status: number, result: Partial<ActionResult> & { values: Record<string, string> }) {
  const body: ActionResult = { form: result.values.form ?? "", errors: {}, csvErrors: [], conflict: null, ...result };
  return data(body, { status });
}

/** Back to the page as it was (tab, size, measures), at the item that changed. */
function backTo(request: Request, id: number, anchor?: string) {
  const url = new URL(request.url);
  const search = new URLSearchParams(url.search);
  search.delete("delete");
  search.delete("attach");
  const query = search.toString();
  return `/engagements/${id}/driver-diagram${query ? `?${query}` : ""}${anchor ? `#${anchor}` : ""}`;
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = requireUser(request);
  const id = engagementIdParam(params);
  if (Number(request.headers.get("Content-Length") ?? 0) > BODY_LIMITS.csv.bytes) {
    return answer(413, { form: "import-csv", values: {}, errors: { file: "The file is larger than 5 MB." } });
  }
  const form = await request.formData();
  const values = formValues(form);
  const parsed = parseDriverDiagramForm(values);
  if (!parsed.ok) return answer(400, { values, errors: parsed.errors });
  const input = parsed.data;

  let result: DiagramSaveResult;
  let csvErrors: CsvError[] = [];
  if (input.intent === "start-from-template") {
    result = startDriverDiagram(user, id, input.templateKey, input.version);
  } else if (input.intent === "import-csv") {
    const file = form.get("file");
    if (!(file instanceof File) || file.size === 0) return answer(400, { values, errors: { file: "Choose a CSV file to upload." } });
    const csv = driverDiagramFromCsv(await file.text());
    if (!csv.ok) {
      csvErrors = csv.errors;
      const n = csv.errors.length;
      return answer(400, {
        values,
        csvErrors,
        errors: { file: `The file has ${n === 1 ? "a problem" : `${n} problems`}, listed above; nothing was changed.` },
      });
    }
    result = replaceDriverDiagram(user, id, csv.diagram, input.version);
  } else {
    result = editDriverDiagram(user, id, input);
  }

  if (!result.ok) {
    if (result.reason === "conflict") return answer(409, { values, conflict: { version: result.version, changes: result.changes } });
    return answer(400, { values, errors: { [fieldForRefusal(input.intent, result)]: result.message } });
  }
  setFlash(request, result.summary);
  const edited = input.intent === "start-from-template" || input.intent === "import-csv" ? undefined : editedItem(input, result.diagram);
  return redirect(backTo(request, id, edited ? itemAnchor(edited) : input.intent === "delete-node" ? "outline" : undefined), { status: 303 });
}

/** After a 409 the page must show what the other person saved; other refusals change nothing. */
export const shouldRevalidate: ShouldRevalidateFunction = ({ actionStatus, defaultShouldRevalidate }) =>
  actionStatus === 409 ? true : defaultShouldRevalidate;

function findingLink(f: LintFinding, href: (changes: Record<string, string | null>, hash?: string) => string) {
  if (f.nodeId) return { to: href({ tab: "outline" }, itemAnchor(f.nodeId)), label: "Go to the item" };
  if (f.measureId) return { to: href({ tab: "measures" }, itemAnchor(f.measureId)), label: "Go to the measure" };
  if (f.code.startsWith("aim-")) return { to: href({ tab: "aim" }, "aim"), label: "Edit the aim" };
  if (f.code === "no-outcome-measure" || f.code === "no-balancing-measure") return { to: href({ tab: "measures" }, "add-measure"), label: "Add a measure" };
  if (f.code.endsWith("primary-drivers")) return { to: href({ tab: "outline" }, "add-primary"), label: "Go to the outline" };
  return null;
}

export default function DriverDiagramPage() {
  const loaderData = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as ActionResult | undefined;
  const { id, canEdit, view, diagram, start, fileBase, draftAim } = loaderData;
  const base = `/engagements/${id}/driver-diagram`;
  const href = (changes: Record<string, string | null>, hash?: string) => {
    const p = new URLSearchParams();
    const current: Record<string, string | null> = {
      tab: view.tab === "outline" ? null : view.tab,
      wide: view.wide ? "1" : null,
      measures: view.measures === "count" ? null : view.measures,
      ...changes,
    };
    if (current.tab === "outline") current.tab = null;
    for (const [k, v] of Object.entries(current)) if (v) p.set(k, v);
    const q = p.toString();
    return `${base}${q ? `?${q}` : ""}${hash ? `#${hash}` : ""}`;
  };
  const conflict = actionData?.conflict ?? null;
  // After a 409 the form that was sent says so too, where the user is looking, with what they typed.
  const stateFor = (form: string): FormState =>
    actionData && actionData.form === form
      ? {
          errors: conflict
            ? {
                "": "Not saved: someone else saved the diagram first (see the top of the page). What you typed is kept: save again to apply it.",
                ...actionData.errors,
              }
            : actionData.errors,
          values: actionData.values,
        }
      : NO_STATE;
  const errors = actionData && Object.keys(actionData.errors).length ? actionData.errors : null;

  if (!diagram) {
    if (!start) {
      return (
        <EmptyState title="No driver diagram yet">
          The engagement's owners start the driver diagram from a topic template. It will appear here, with its measures and checks.
        </EmptyState>
      );
    }
    return (
      <div className="dd-page">
        <ConflictNotice conflict={conflict} />
        <StartFromTemplate
          offers={start.offers}
          topPriority={start.topPriority}
          hasDraftAim={start.hasDraftAim}
          intakeHref={`/engagements/${id}/intake?section=evidence`}
          state={stateFor("start")}
        />
        <div className="card">
          <CsvPanel version={0} canEdit={canEdit} downloads={null} state={stateFor("import-csv")} csvErrors={actionData?.csvErrors ?? []} />
        </div>
      </div>
    );
  }

  const downloads = { csv: `${base}/csv`, mmd: `${base}/mmd${view.measures === "count" ? "" : `?measures=${view.measures}`}` };
  const version = diagram.version;
  return (
    <div className={view.wide ? "dd-page dd-page--wide" : "dd-page"}>
      <div className="dd-heading">
        <p className="small muted">
          Version {version}, saved by {diagram.updatedByName ?? "someone"} on {formatDate(diagram.updatedAt)}
          {diagram.templateTitle ? <> · started from the template “{diagram.templateTitle}”</> : null}
          {!canEdit ? <> · you are reading it; only the engagement's owners change it</> : null}
        </p>
      </div>
      <ConflictNotice conflict={conflict} />
      {errors ? <ErrorList errors={errors} form={actionData!.form} /> : null}
      <div className="dd-top">
        <DiagramFigure source={diagram.mermaid} wide={view.wide} measures={view.measures} href={(c) => href(c)} fileBase={fileBase} downloads={downloads} />
        <FindingsPanel findings={diagram.findings} linkFor={(f) => findingLink(f, href)} />
      </div>
      {diagram.deletion && canEdit ? (
        <div className="card">
          <DeleteConfirmation
            preview={diagram.deletion}
            version={version}
            cancelHref={href({ delete: null }, itemAnchor(diagram.deletion.node.id))}
            state={stateFor(`delete-${diagram.deletion.node.id}`)}
          />
        </div>
      ) : (
        <>
          {view.deleteId && canEdit ? <Notice>That item is no longer in the diagram: it may have been deleted already.</Notice> : null}
          <nav className="dd-tabs" aria-label="Driver diagram views">
            {TABS.map((t) => (
              <Link key={t.key} to={href({ tab: t.key })} aria-current={view.tab === t.key ? "page" : undefined}>
                {t.label}
              </Link>
            ))}
          </nav>
          <div className="card dd-panel">
            {view.tab === "outline" ? <OutlineEditor diagram={diagram.model} version={version} canEdit={canEdit} stateFor={stateFor} href={href} /> : null}
            {view.tab === "measures" ? (
              <MeasuresEditor diagram={diagram.model} version={version} canEdit={canEdit} stateFor={stateFor} attach={view.attach} />
            ) : null}
            {view.tab === "aim" ? <AimEditor aim={diagram.model.aim} version={version} canEdit={canEdit} state={stateFor("aim")} draftAim={draftAim} /> : null}
            {view.tab === "table" ? <DiagramTables diagram={diagram.model} href={href} /> : null}
            {view.tab === "csv" ? (
              <CsvPanel version={version} canEdit={canEdit} downloads={downloads} state={stateFor("import-csv")} csvErrors={actionData?.csvErrors ?? []} />
            ) : null}
          </div>
        </>
      )}
    </div>
  );
}

function ConflictNotice({ conflict }: { conflict: ActionResult["conflict"] }) {
  if (!conflict) return null;
  return (
    <div className="notice" role="alert">
      <p>
        <strong>Someone else saved the driver diagram first</strong> (it is now at version {conflict.version}), so your change was not saved. What you typed is
        kept below: check it against the diagram as it is now, and save again.
      </p>
      {conflict.changes.length ? (
        <>
          <p>What changed since you opened the page:</p>
          <ul>
            {conflict.changes.map((c) => (
              <li key={c.version}>
                {c.summary}{" "}
                <span className="muted small">
                  ({c.by ?? "someone"}, version {c.version})
                </span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </div>
  );
}

/** Every problem with the form just sent, each linking to its field. */
function ErrorList({ errors, form }: { errors: Record<string, string>; form: string }) {
  const ref = useFocusOnErrors<HTMLDivElement>(errors);
  return (
    <div className="error-summary" role="alert" tabIndex={-1} ref={ref}>
      <h2>There is a problem</h2>
      <ul>
        {Object.entries(errors).map(([field, message]) => (
          <li key={field}>
            <a href={`#${fieldId(form, field || "form")}`}>{message}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
