import { type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData, type ShouldRevalidateFunction } from "@remix-run/react";
import { DeleteConfirmation, OutlineEditor } from "~/components/driver-diagram-outline";
import { DiagramFigure, FindingsPanel, type MeasureMode } from "~/components/driver-diagram-figure";
import { MeasuresEditor } from "~/components/driver-diagram-measures";
import { AimEditor, AimMend, CsvPanel, DiagramTables, StartFromTemplate } from "~/components/driver-diagram-panels";
import { RouteErrorBoundary } from "~/components/error-page";
import { ErrorSummary } from "~/components/field";
import { EmptyState, formatDate, Notice } from "~/components/ui";
import { describeDeletion, NODE_ID_PATTERN } from "~/domain/driver-diagram";
import { diagramStatusOf, lintDriverDiagram, lintPart, type LintFinding } from "~/domain/driver-diagram-lint";
import { driverDiagramFromCsv, type CsvError } from "~/domain/driver-diagram-csv";
import { driverDiagramToMermaid } from "~/domain/driver-diagram-mermaid";
import { DriverDiagramIntentSchema, editedItem } from "~/domain/driver-diagram-forms";
import { itemAnchor } from "~/domain/driver-diagram-view";
import { draftAimFromIntake } from "~/domain/driver-diagram-start";
import { fileName } from "~/lib/download";
import { Refusal } from "~/domain/errors";
import { BODY_LIMITS } from "~/domain/body-limits";
import { formState, type FormReply, type FormState } from "~/lib/forms";
import { engagementIdParam } from "~/lib/params";
import { refuseUnread, reply } from "~/lib/forms.server";
import { change, redirectWithFlash } from "~/lib/route.server";
import {
  driverDiagramStartOptions,
  editDriverDiagram,
  getDriverDiagram,
  replaceDriverDiagram,
  startDriverDiagram,
  templateTitle,
} from "~/models/driver-diagram.server";
import { getEngagementForStaff } from "~/models/engagements.server";
import { getIntake } from "~/models/intake.server";
import { requireUser } from "~/services/session.server";
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
  const fileBase = fileName(engagement.title, "driver-diagram").utf8;
  const intake = getIntake(user, id).intake;
  const draftAim = draftAimFromIntake(intake).draftAim;
  if (!stored) {
    return { id, canEdit: engagement.canEdit, view, fileBase, draftAim, diagram: null, start: engagement.canEdit ? driverDiagramStartOptions(user, id) : null };
  }
  const d = stored.diagram;
  const findings = lintDriverDiagram(d, { intakeAimBy: intake.evidence.aimByWhen, priorities: intake.needs.priorities });
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
      findings,
      status: diagramStatusOf(findings),
      deletion: view.deleteId ? describeDeletion(d, view.deleteId) : null,
    },
  };
}

/** What the action answers when a form comes back: the form's answer, and a CSV file's problems by line. */
type ActionResult = FormReply & { csvErrors?: CsvError[] };

/** Back to the page as it was (tab, size, measures), at the item that changed. */
function backTo(request: Request, id: number, anchor?: string) {
  const url = new URL(request.url);
  const search = new URLSearchParams(url.search);
  search.delete("delete");
  search.delete("attach");
  // The aim is shown on its own tab: a change to it made from another (the checks' mend) lands there.
  if (anchor === "aim") search.set("tab", "aim");
  const query = search.toString();
  return `/engagements/${id}/driver-diagram${query ? `?${query}` : ""}${anchor ? `#${anchor}` : ""}`;
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = requireUser(request);
  const id = engagementIdParam(params);
  if (Number(request.headers.get("Content-Length") ?? 0) > BODY_LIMITS.csv.bytes) {
    return refuseUnread(413, "The file is larger than 5 MB.", { form: "import-csv", field: "file" });
  }
  return change(await request.formData(), DriverDiagramIntentSchema, async (input, submission) => {
    if (input.intent === "start-from-template") {
      const saved = startDriverDiagram(user, id, input.templateKey, input.version);
      return redirectWithFlash(request, backTo(request, id), saved.summary);
    }
    if (input.intent === "import-csv") {
      if (!input.file || input.file.size === 0) throw new Refusal("Choose a CSV file to upload.", "file");
      const csv = driverDiagramFromCsv(await input.file.text());
      if (!csv.ok) {
        const n = csv.errors.length;
        const message = `The file has ${n === 1 ? "a problem" : `${n} problems`}, listed above; nothing was changed.`;
        return reply(submission, 400, { fieldErrors: { file: [message] }, extra: { csvErrors: csv.errors } });
      }
      const saved = replaceDriverDiagram(user, id, csv.diagram, input.version);
      return redirectWithFlash(request, backTo(request, id), saved.summary);
    }
    const saved = editDriverDiagram(user, id, input);
    const edited = editedItem(input, saved.diagram);
    return redirectWithFlash(request, backTo(request, id, edited ? itemAnchor(edited) : input.intent === "delete-node" ? "outline" : undefined), saved.summary);
  });
}

/** After a 409 the page must show what the other person saved; other refusals change nothing. */
export const shouldRevalidate: ShouldRevalidateFunction = ({ actionStatus, defaultShouldRevalidate }) =>
  actionStatus === 409 ? true : defaultShouldRevalidate;

function findingLink(f: LintFinding, href: (changes: Record<string, string | null>, hash?: string) => string) {
  if (f.nodeId) return { to: href({ tab: "outline" }, itemAnchor(f.nodeId)), label: "Go to the item" };
  if (f.measureId) return { to: href({ tab: "measures" }, itemAnchor(f.measureId)), label: "Go to the measure" };
  switch (lintPart(f)) {
    case "measures":
      return { to: href({ tab: "measures" }, "add-measure"), label: "Add a measure" };
    case "aim":
      return { to: href({ tab: "aim" }, "aim"), label: "Edit the aim" };
    case "drivers":
      return { to: href({ tab: "outline" }, "add-primary"), label: "Go to the outline" };
    case "review":
      return null;
  }
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
  // Only the form that was sent shows the answer; after a 409 it says so too, where the user is looking.
  const sent = formState(actionData);
  const sentForm = typeof sent.values?.form === "string" ? sent.values.form : "";
  const stateFor = (form: string): FormState => formState(actionData, form);
  const errors = Object.keys(sent.errors).length ? sent.errors : null;

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
        <ConflictNotice conflict={conflict} version={0} />
        <StartFromTemplate
          offers={start.offers}
          topPriority={start.topPriority}
          draftAim={start.draftAim}
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
      <ConflictNotice conflict={conflict} version={version} />
      {errors ? <ErrorSummary errors={errors} form={sentForm} /> : null}
      <div className="dd-top">
        <DiagramFigure source={diagram.mermaid} wide={view.wide} measures={view.measures} href={(c) => href(c)} fileBase={fileBase} downloads={downloads} />
        <FindingsPanel
          findings={diagram.findings}
          status={diagram.status}
          linkFor={(f) => findingLink(f, href)}
          mend={(f) =>
            canEdit && f.mendedAim && f.mendWords ? (
              <AimMend aim={f.mendedAim} words={f.mendWords} form={`mend-${f.code}`} version={version} state={stateFor(`mend-${f.code}`)} />
            ) : null
          }
        />
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

function ConflictNotice({ conflict, version }: { conflict: ActionResult["conflict"] | null; version: number }) {
  if (!conflict) return null;
  return (
    <div className="notice" role="alert">
      <p>
        <strong>Someone else saved the driver diagram first</strong> (it is now at version {version}), so your change was not saved. What you typed is kept
        below: check it against the diagram as it is now, and save again.
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

export const ErrorBoundary = RouteErrorBoundary;
