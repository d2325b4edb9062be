import { Form, Link } from "@remix-run/react";
import { StatusBadge } from "~/components/ui";
import { sentenceStart } from "~/domain/text";
import type { DeletionPreview, DriverDiagram } from "~/domain/driver-diagram";
import {
  childrenOf,
  driverDiagramOutline,
  itemAnchor,
  LINK_STRENGTH_LABELS,
  LINK_STRENGTHS,
  MEASURE_KIND_LABELS,
  measuresOf,
  NODE_KIND_LABELS,
  PARENT_KIND,
  type NodeKind,
  type OutlineItem,
} from "~/domain/driver-diagram-view";
import type { FormState } from "~/lib/forms";
import { FormBasics, FormMessage, SelectField, TextField } from "./field";

type Ctx = {
  diagram: DriverDiagram;
  version: number;
  canEdit: boolean;
  stateFor: (form: string) => FormState;
  /** The page's address with some query parameters changed. */
  href: (changes: Record<string, string | null>, hash?: string) => string;
};

type Branch = { item: OutlineItem; number: string; children: Branch[]; first: boolean };

/** The outline as a tree, numbered where each item appears ("2.1.3"). */
function toTree(items: OutlineItem[]): Branch[] {
  const roots: Branch[] = [];
  const stack: Branch[] = [];
  const seen = new Set<string>();
  for (const item of items) {
    while (stack.length >= item.depth) stack.pop();
    const siblings = stack.length ? stack[stack.length - 1]!.children : roots;
    const parentNumber = stack.length ? `${stack[stack.length - 1]!.number}.` : "";
    const branch: Branch = { item, number: `${parentNumber}${siblings.length + 1}`, children: [], first: !seen.has(item.node.id) };
    seen.add(item.node.id);
    siblings.push(branch);
    stack.push(branch);
  }
  return roots;
}

const CHILD_KIND: Partial<Record<NodeKind, NodeKind>> = { primary: "secondary", secondary: "change" };

export function OutlineEditor(ctx: Ctx) {
  const { diagram, canEdit, version } = ctx;
  const tree = toTree(driverDiagramOutline(diagram));
  const addPrimary = "add-primary";
  const state = ctx.stateFor(addPrimary);
  return (
    <section aria-labelledby="outline-heading" id="outline">
      <h2 id="outline-heading">Outline</h2>
      <p className="muted small">
        Aim → primary drivers → secondary drivers → change ideas. An item that serves more than one driver is listed under each of them.
      </p>
      <div className="dd-aim-root">
        <span className="dd-kind">Aim</span>
        <span className="dd-label">{sentenceStart(diagram.aim.statement) || <span className="muted">No aim yet</span>}</span>
        {canEdit ? (
          <Link className="small" to={ctx.href({ tab: "aim" }, "aim")}>
            Edit the aim
          </Link>
        ) : null}
      </div>
      {tree.length ? (
        <ol className="dd-outline">
          {tree.map((b) => (
            <OutlineBranch key={`${b.item.node.id}@${b.item.parentId}`} branch={b} ctx={ctx} />
          ))}
        </ol>
      ) : (
        <p className="muted">No drivers yet. Add the primary drivers: the few things that most directly drive the aim.</p>
      )}
      {canEdit ? (
        <Form method="post" className="dd-inline-form" id="add-primary" key={`add-primary-${version}`}>
          <FormBasics form={addPrimary} intent="add-node" version={version} />
          <input type="hidden" name="kind" value="primary" />
          <TextField form={addPrimary} name="label" label="Add a primary driver" state={state} />
          <FormMessage form={addPrimary} state={state} />
          <button className="button button--secondary" type="submit">
            Add primary driver
          </button>
        </Form>
      ) : null}
    </section>
  );
}

function OutlineBranch({ branch, ctx }: { branch: Branch; ctx: Ctx }) {
  const { item, number, children, first } = branch;
  const { node } = item;
  const measures = measuresOf(ctx.diagram, node.id);
  const occurrence = `${node.id}@${item.parentId}`;
  const forms = ["rename", "move", "assume", "strength", "unlink", "link", "add-child"].map((f) => `${f}-${occurrence}`);
  const open = forms.some((f) => ctx.stateFor(f).values !== null);
  return (
    <li id={first ? itemAnchor(node.id) : `${itemAnchor(node.id)}-under-${item.parentId}`} className={`dd-branch dd-branch--${node.kind}`}>
      <div className="dd-item">
        <div className="dd-item__head">
          <span className="dd-num">{number}</span>
          <span className="dd-kind">{NODE_KIND_LABELS[node.kind]}</span>
          {item.strength === "weak" ? <StatusBadge tone="neutral">Weaker link</StatusBadge> : null}
          {node.assumption ? <StatusBadge tone="warning">Assumption to review</StatusBadge> : null}
        </div>
        <p className="dd-label">{node.label}</p>
        {item.alsoServes.length ? <p className="small muted dd-also">Also serves: {item.alsoServes.map((n) => n.label).join("; ")}</p> : null}
        {measures.length ? (
          <ul className="dd-chips" aria-label="Measures">
            {measures.map((m) => (
              <li key={m.id}>
                <Link to={ctx.href({ tab: "measures" }, itemAnchor(m.id))} className={`dd-chip dd-chip--${m.kind}`}>
                  <span className="dd-chip__kind">{MEASURE_KIND_LABELS[m.kind]}</span> {m.name}
                </Link>
              </li>
            ))}
          </ul>
        ) : null}
        {ctx.canEdit ? (
          <details className="dd-edit" open={open || undefined}>
            <summary>
              Edit<span className="visually-hidden"> {node.label}</span>
            </summary>
            <ItemForms item={item} occurrence={occurrence} ctx={ctx} />
          </details>
        ) : null}
      </div>
      {children.length ? (
        <ol className="dd-outline">
          {children.map((b) => (
            <OutlineBranch key={`${b.item.node.id}@${b.item.parentId}`} branch={b} ctx={ctx} />
          ))}
        </ol>
      ) : null}
    </li>
  );
}

function ItemForms({ item, occurrence, ctx }: { item: OutlineItem; occurrence: string; ctx: Ctx }) {
  const { node } = item;
  const { diagram, version } = ctx;
  const f = (name: string) => `${name}-${occurrence}`;
  const siblings = item.parentId === "aim" ? childrenOf(diagram, "aim") : childrenOf(diagram, item.parentId);
  const position = siblings.findIndex((s) => s.id === node.id);
  const parent = item.parentId === "aim" ? null : diagram.nodes.find((n) => n.id === item.parentId) ?? null;
  const wantedParent = PARENT_KIND[node.kind];
  const candidates = wantedParent === "aim" ? [] : diagram.nodes.filter((n) => n.kind === wantedParent && !node.parents.some((p) => p.id === n.id));
  const childKind = CHILD_KIND[node.kind];
  const basics = (form: string, intent: string) => (
    <>
      <FormBasics form={form} intent={intent} version={version} />
      <input type="hidden" name="nodeId" value={node.id} />
    </>
  );
  const move = ctx.stateFor(f("move"));
  const assume = ctx.stateFor(f("assume"));
  const unlink = ctx.stateFor(f("unlink"));
  return (
    <div className="dd-edit__body">
      <Form method="post" className="dd-inline-form">
        {basics(f("rename"), "rename-node")}
        <TextField form={f("rename")} name="label" label="Name" state={ctx.stateFor(f("rename"))} saved={node.label} />
        <FormMessage form={f("rename")} state={ctx.stateFor(f("rename"))} />
        <button className="button button--secondary button--small" type="submit">
          Save name
        </button>
      </Form>

      <div className="dd-button-row">
        {position > 0 || position < siblings.length - 1 ? (
          <Form method="post" className="dd-button-group">
            {basics(f("move"), "move-node")}
            <input type="hidden" name="underParent" value={item.parentId} />
            {position > 0 ? (
              <button className="button button--secondary button--small" type="submit" name="direction" value="up">
                Move up<span className="visually-hidden"> {node.label}</span>
              </button>
            ) : null}
            {position < siblings.length - 1 ? (
              <button className="button button--secondary button--small" type="submit" name="direction" value="down">
                Move down<span className="visually-hidden"> {node.label}</span>
              </button>
            ) : null}
          </Form>
        ) : null}
        <Form method="post" className="dd-button-group">
          <FormBasics form={f("assume")} intent="set-assumption" version={version} />
          <input type="hidden" name="itemId" value={node.id} />
          <input type="hidden" name="assumption" value={node.assumption ? "no" : "yes"} />
          <button className="button button--secondary button--small" type="submit">
            {node.assumption ? "Mark as reviewed" : "Mark as an assumption"}
          </button>
        </Form>
        <Link className="button button--secondary button--small" to={ctx.href({ tab: "measures", attach: node.id }, "add-measure")}>
          Add a measure
        </Link>
        <Link className="button button--secondary button--small dd-danger-link" to={ctx.href({ delete: node.id })}>
          Delete…<span className="visually-hidden"> {node.label}</span>
        </Link>
      </div>
      <FormMessage form={f("move")} state={move} />
      <FormMessage form={f("assume")} state={assume} />

      {parent ? (
        <div className="dd-link-row">
          <Form method="post" className="dd-inline-form">
            {basics(f("strength"), "set-link-strength")}
            <input type="hidden" name="parentId" value={parent.id} />
            <SelectField
              form={f("strength")}
              name="strength"
              label={<>Link to “{parent.label}”</>}
              state={ctx.stateFor(f("strength"))}
              saved={item.strength}
              options={LINK_STRENGTHS.map((s) => ({ value: s, label: LINK_STRENGTH_LABELS[s] }))}
            />
            <FormMessage form={f("strength")} state={ctx.stateFor(f("strength"))} />
            <button className="button button--secondary button--small" type="submit">
              Save link
            </button>
          </Form>
          {node.parents.length > 1 ? (
            <Form method="post" className="dd-button-group">
              {basics(f("unlink"), "unlink-parent")}
              <input type="hidden" name="parentId" value={parent.id} />
              <button className="button button--secondary button--small" type="submit">
                Unlink from “{parent.label}”
              </button>
            </Form>
          ) : null}
          <FormMessage form={f("unlink")} state={unlink} />
        </div>
      ) : null}

      {candidates.length ? (
        <Form method="post" className="dd-inline-form">
          {basics(f("link"), "link-parent")}
          <SelectField
            form={f("link")}
            name="parentId"
            label={`Also serves another ${NODE_KIND_LABELS[wantedParent as NodeKind].toLowerCase()}`}
            state={ctx.stateFor(f("link"))}
            placeholder="Choose…"
            options={candidates.map((c) => ({ value: c.id, label: c.label }))}
          />
          <SelectField
            form={f("link")}
            name="strength"
            label="Link"
            className="dd-narrow"
            state={ctx.stateFor(f("link"))}
            saved="strong"
            options={LINK_STRENGTHS.map((s) => ({ value: s, label: LINK_STRENGTH_LABELS[s] }))}
          />
          <FormMessage form={f("link")} state={ctx.stateFor(f("link"))} />
          <button className="button button--secondary button--small" type="submit">
            Link
          </button>
        </Form>
      ) : null}

      {childKind ? (
        <Form method="post" className="dd-inline-form">
          <FormBasics form={f("add-child")} intent="add-node" version={version} />
          <input type="hidden" name="kind" value={childKind} />
          <input type="hidden" name="parentId" value={node.id} />
          <TextField
            form={f("add-child")}
            name="label"
            label={`Add a ${NODE_KIND_LABELS[childKind].toLowerCase()} under this`}
            state={ctx.stateFor(f("add-child"))}
          />
          <FormMessage form={f("add-child")} state={ctx.stateFor(f("add-child"))} />
          <button className="button button--secondary button--small" type="submit">
            Add {NODE_KIND_LABELS[childKind].toLowerCase()}
          </button>
        </Form>
      ) : null}
    </div>
  );
}

/** The confirmation step of a deletion: what goes with the item, and what stays because it serves something else. */
export function DeleteConfirmation({
  preview,
  version,
  cancelHref,
  state,
}: {
  preview: DeletionPreview;
  version: number;
  cancelHref: string;
  state: FormState;
}) {
  const form = `delete-${preview.node.id}`;
  return (
    <section aria-labelledby="delete-heading" className="dd-confirm">
      <h2 id="delete-heading">
        Delete the {NODE_KIND_LABELS[preview.node.kind].toLowerCase()} “{preview.node.label}”?
      </h2>
      <p>{preview.message}</p>
      {preview.alsoDeleted.length ? (
        <>
          <h3>Also deleted</h3>
          <ul>
            {preview.alsoDeleted.map((n) => (
              <li key={n.id}>
                {NODE_KIND_LABELS[n.kind]}: {n.label}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {preview.measures.length ? (
        <>
          <h3>Measures deleted</h3>
          <ul>
            {preview.measures.map((m) => (
              <li key={m.id}>
                {MEASURE_KIND_LABELS[m.kind]}: {m.name}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {preview.kept.length ? (
        <>
          <h3>Kept, because they also serve something else</h3>
          <ul>
            {preview.kept.map((k) => (
              <li key={k.node.id}>
                {k.node.label} <span className="muted">(also serves {k.stillServes.map((s) => s.label).join("; ")})</span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <Form method="post">
        <FormBasics form={form} intent="delete-node" version={version} />
        <input type="hidden" name="nodeId" value={preview.node.id} />
        <input type="hidden" name="confirm" value="yes" />
        <FormMessage form={form} state={state} />
        <div className="actions">
          <button className="button button--danger" type="submit">
            Delete
          </button>
          <Link to={cancelHref}>Cancel, keep it</Link>
        </div>
      </Form>
    </section>
  );
}
