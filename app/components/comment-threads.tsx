import { Form } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { KeepTyped } from "./kept-typing";
import { useMessageBeside } from "./message-beside";
import { ErrorSummary, FieldError, fieldId, RadioGroup, SelectField, TextArea } from "./field";
import { TEXT_LIMITS } from "~/domain/limits";
import { unsentBoxOf, unsentCommentKey, unsentReplyKey } from "~/domain/unsent-comments";
import { formatDate, StatusBadge } from "./ui";
import type { CommentView } from "~/models/comments.server";
import type { FormState } from "~/lib/forms";

/** The comment form's own fields; a message on any other field belongs to the page as a whole. */
export const COMMENT_FIELDS = ["sectionKey", "body", "visibility"];

/**
 * A message for the page as a whole: the form's, or one on a field the page filled in (a version's
 * number, a thread), which no one can correct by typing.
 */
export function pageMessage(state: FormState, fields: string[] = COMMENT_FIELDS): string | undefined {
  return Object.entries(state.errors).find(([name]) => !fields.includes(name))?.[1];
}

/** The key of a section's own comment form (SectionComment), and the id of its box. */
const sectionCommentForm = (sectionKey: string) => `comment-${sectionKey}`;
const sectionCommentBox = (sectionKey: string) => fieldId(sectionCommentForm(sectionKey), "body");
/** The id of a thread's reply box. */
const replyBox = (threadId: number) => `reply-${threadId}`;
/** The id of a thread in the list, which a comment's section links to. */
const threadAnchor = (threadId: number) => `thread-${threadId}`;
/** Whether a form sent a new thread's first comment (not a reply), on the section given if one is. */
const sentNewComment = (sent: FormData, sectionKey?: string) =>
  sent.get("intent") === "comment" && !sent.has("parentId") && (sectionKey === undefined || sent.get("sectionKey") === sectionKey);

/**
 * The names of the comment and reply boxes on the page that hold text not sent (app/domain/unsent-comments.ts),
 * read as an answer is sent, so that the server refuses the answer rather than the text going nowhere.
 */
export function unsentBoxes(page: Document): string {
  return Array.from(page.querySelectorAll<HTMLFormElement>("form[data-unsent-name]"))
    .filter((form) => {
      const box = form.elements.namedItem("body");
      return box instanceof HTMLTextAreaElement && box.value.trim() !== "";
    })
    .map((form) => form.dataset.unsentName)
    .join(" ");
}

/**
 * The refusals of an answer sent while boxes held text not sent, by their names (said beside each box)
 * and by the boxes' ids (said above the answer, each linking to its box).
 */
export function unsentErrorsByBox(errors: Record<string, string>): { byName: Record<string, string>; byBox: Record<string, string> } {
  const byName: Record<string, string> = {};
  const byBox: Record<string, string> = {};
  for (const [name, message] of Object.entries(errors)) {
    const box = unsentBoxOf(name);
    if (!box) continue;
    byName[name] = message;
    byBox[box.kind === "comment" ? sectionCommentBox(box.sectionKey) : replyBox(box.threadId)] = message;
  }
  return { byName, byBox };
}

/**
 * Comment threads anchored to proposal sections, with a form for a new comment. Staff choose whether
 * a comment is visible to the partner or internal, and the page says plainly which it will be.
 */
export function CommentThreads({
  comments,
  sections,
  number,
  canResolve,
  staff,
  state,
  newComment = true,
  closed = [],
}: {
  comments: CommentView[];
  sections: { key: string; title: string }[];
  number: number;
  canResolve: boolean;
  staff: boolean;
  /** The answer to the last comment sent from the page. */
  state: FormState;
  /** Whether the form for a new thread is drawn here; false where each section has its own (`SectionComment`). */
  newComment?: boolean;
  /** Versions whose threads take no more replies from this reader (a partner's, once a version is declined or not taken forward). */
  closed?: readonly number[];
}) {
  const errors = Object.fromEntries(Object.entries(state.errors).filter(([name]) => COMMENT_FIELDS.includes(name)));
  const threads = comments.filter((c) => c.parentId === null);
  const title = (key: string) => sections.find((s) => s.key === key)?.title ?? key;
  // Sent, the form stays where it is, and so does the reader: what happened is said beside it.
  const added = useMessageBeside((sent) => sentNewComment(sent))?.message;
  return (
    <>
      {threads.length === 0 ? (
        <p className="muted">No comments yet.</p>
      ) : (
        <ol className="threads">
          {threads.map((t) => {
            const replies = comments.filter((c) => c.parentId === t.id);
            return (
              <li key={t.id} id={threadAnchor(t.id)} className={t.resolvedAt ? "thread thread--resolved" : "thread"} data-thread={t.id}>
                <p className="thread__meta">
                  <strong>{title(t.sectionKey)}</strong> · version {t.number}
                  {/* Staff read which threads the partner sees; a partner sees only theirs, and needs no badge to say so. */}
                  {staff ? (
                    <>
                      {" · "}
                      {t.visibility === "internal" ? (
                        <StatusBadge tone="warning">Internal: staff only</StatusBadge>
                      ) : (
                        <StatusBadge tone="info">Visible to the partner</StatusBadge>
                      )}
                    </>
                  ) : null}
                  {t.resolvedAt ? (
                    <>
                      {" "}
                      <StatusBadge tone="success">Resolved</StatusBadge>
                    </>
                  ) : null}
                </p>
                {[t, ...replies].map((c) => (
                  <div className="comment" key={c.id}>
                    <p className="comment__author">
                      {c.authorName}
                      {c.authorIsPartner ? " (partner)" : ""} · {formatDate(c.createdAt)}
                    </p>
                    <p className="comment__body">{c.body}</p>
                  </div>
                ))}
                {!t.resolvedAt && !closed.includes(t.number) ? <FieldError id={replyBox(t.id)} error={state.errors[unsentReplyKey(t.id)]} /> : null}
                {!t.resolvedAt && !closed.includes(t.number) ? (
                  <div className="thread__actions">
                    <Form method="post" className="reply-form" data-unsent-name={unsentReplyKey(t.id)} preventScrollReset>
                      <input type="hidden" name="intent" value="comment" />
                      <input type="hidden" name="parentId" value={t.id} />
                      <input type="hidden" name="number" value={t.number} />
                      <input type="hidden" name="sectionKey" value={t.sectionKey} />
                      <KeepTyped name={`reply-${t.id}`} />
                      <label className="visually-hidden" htmlFor={replyBox(t.id)}>
                        Reply to this thread
                      </label>
                      <textarea
                        id={replyBox(t.id)}
                        name="body"
                        rows={2}
                        placeholder="Reply…"
                        required
                        aria-invalid={state.errors[unsentReplyKey(t.id)] ? true : undefined}
                        aria-describedby={state.errors[unsentReplyKey(t.id)] ? `${replyBox(t.id)}-error` : undefined}
                      />
                      <button className="button button--secondary button--small" type="submit">
                        Reply
                      </button>
                    </Form>
                    {canResolve ? (
                      <Form method="post" preventScrollReset>
                        <input type="hidden" name="intent" value="resolve" />
                        <input type="hidden" name="commentId" value={t.id} />
                        <button className="button button--secondary button--small" type="submit">
                          Mark resolved
                        </button>
                      </Form>
                    ) : null}
                  </div>
                ) : null}
              </li>
            );
          })}
        </ol>
      )}
      {newComment ? (
        <Form method="post" noValidate className="new-comment" preventScrollReset>
          <h3>New comment on version {number}</h3>
          <ErrorSummary errors={errors} labels={{ sectionKey: "Section", body: "Comment", visibility: "Who can see it" }} level={4} />
          <input type="hidden" name="intent" value="comment" />
          <input type="hidden" name="number" value={number} />
          <KeepTyped name="new-comment" />
          <SelectField
            name="sectionKey"
            label="Section"
            placeholder="Choose a section…"
            options={sections.map((s) => ({ value: s.key, label: s.title }))}
            state={state}
          />
          <TextArea name="body" label="Comment" state={state} maxLength={TEXT_LIMITS.comment} />
          {staff ? (
            <RadioGroup
              name="visibility"
              legend="Who can see it"
              state={state}
              value="internal"
              options={[
                { value: "partner", label: "Visible to the partner's executives" },
                { value: "internal", label: "Internal: our staff only, never shown to the partner" },
              ]}
            />
          ) : (
            <p className="small muted">Your comment is visible to the partnership team and to your colleagues at your organisation.</p>
          )}
          <button className="button" type="submit">
            Add comment
          </button>
          {added ? (
            <p className="sent-beside" data-sent-beside>
              {added}
            </p>
          ) : null}
        </Form>
      ) : null}
    </>
  );
}

/**
 * A partner's comment on one section, beside it: a disclosure that works without scripts, open again
 * when the comment sent from it came back with a problem. It posts what the form at the foot of the
 * page would (the section's key with the comment).
 */
export function SectionComment({
  section,
  number,
  threads,
  latestThread,
  state,
}: {
  section: { key: string; title: string };
  number: number;
  /** How many threads are already on this section. */
  threads: number;
  /** The newest of them, which a comment just sent from here is. */
  latestThread?: number;
  /** The answer to the last comment sent from the page. */
  state: FormState;
}) {
  // Sent, the reader stays at the section, where what happened is said, with a link to the comment in the list.
  const sent = useMessageBeside((sent) => sentNewComment(sent, section.key))?.message;
  const sentHere = state.values?.sectionKey === section.key && COMMENT_FIELDS.some((f) => state.errors[f]);
  const errors = sentHere ? Object.fromEntries(Object.entries(state.errors).filter(([name]) => COMMENT_FIELDS.includes(name))) : {};
  // An answer sent while this box held a comment not sent: said here, where the comment is.
  const unsent = state.errors[unsentCommentKey(section.key)];
  const form = sectionCommentForm(section.key);
  // Opened for the message, the box stays open once the message goes (following the summary's link to it
  // clears the page's messages): what is in it is still to be sent or cleared.
  const box = useRef<HTMLDetailsElement>(null);
  useEffect(() => {
    if (unsent && box.current) box.current.open = true;
  }, [unsent]);
  return (
    <details ref={box} className="section-comment no-print" open={sentHere || Boolean(sent) || undefined}>
      <summary>Comment on this section{threads ? ` (${threads === 1 ? "1 thread" : `${threads} threads`} below)` : ""}</summary>
      <Form
        method="post"
        noValidate
        className="section-comment__form"
        aria-label={`Comment on ${section.title}`}
        data-unsent-name={unsentCommentKey(section.key)}
        preventScrollReset
      >
        <ErrorSummary errors={errors} labels={{ sectionKey: "Section", body: "Comment" }} level={4} form={form} />
        <input type="hidden" name="intent" value="comment" />
        <input type="hidden" name="number" value={number} />
        <input type="hidden" name="sectionKey" value={section.key} />
        <KeepTyped name={form} />
        <TextArea
          form={form}
          name="body"
          label={`Your comment on “${section.title}”`}
          hint="The partnership team and your colleagues at your organisation read it."
          state={sentHere ? state : undefined}
          errors={unsent ? { body: unsent } : undefined}
          maxLength={TEXT_LIMITS.comment}
          rows={3}
        />
        <button className="button" type="submit">
          Send comment
        </button>
        {sent ? (
          <p className="sent-beside" data-sent-beside>
            {sent}
            {latestThread !== undefined ? (
              <>
                {" "}
                <a href={`#${threadAnchor(latestThread)}`}>Read it under Comments</a>
              </>
            ) : null}
          </p>
        ) : null}
      </Form>
    </details>
  );
}
