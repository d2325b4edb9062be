/**
 * A comment or reply the partner typed on their page and did not send goes nowhere when they answer
 * the version: each box is a form of its own. So the answer names the boxes that still hold text, and
 * is refused while any does, each box told to be sent or cleared first (docs/domain.md §9.9).
 */

/** How the answer names a section's comment box that holds text not sent. */
export function unsentCommentKey(sectionKey: string): string {
  return `comment:${sectionKey}`;
}

/** How the answer names a reply box, under a thread, that holds text not sent. */
export function unsentReplyKey(threadId: number): string {
  return `reply:${threadId}`;
}

/** The box an unsent name is about; null for a name of neither kind. */
export function unsentBoxOf(name: string): { kind: "comment"; sectionKey: string } | { kind: "reply"; threadId: number } | null {
  const comment = /^comment:([a-z0-9-]+)$/.exec(name);
  if (comment) return { kind: "comment", sectionKey: comment[1]! };
  const reply = /^reply:([1-9][0-9]{0,15})$/.exec(name);
  return reply ? { kind: "reply", threadId: Number(reply[1]) } : null;
}

/**
 * What refuses an answer while boxes hold text not sent: a message for each box the answer named, by
 * its name (unsentCommentKey, unsentReplyKey). Names of boxes the page does not have are passed over.
 * Empty when nothing typed is left unsent.
 */
export function unsentCommentsRefusal(
  named: string,
  page: { sections: readonly { key: string; title: string }[]; threads: readonly { id: number; sectionKey: string }[] },
  response: "accepted" | "changes_requested"
): Record<string, string> {
  const then = response === "accepted" ? "accept the proposal" : "ask for changes";
  const title = (key: string) => page.sections.find((s) => s.key === key)?.title;
  const refusals: Record<string, string> = {};
  for (const name of new Set(named.split(/\s+/).filter(Boolean))) {
    const box = unsentBoxOf(name);
    // A thread on a section this version no longer has is named by its key, as its thread is.
    const thread = box?.kind === "reply" ? page.threads.find((t) => t.id === box.threadId) : undefined;
    const section = box?.kind === "comment" ? title(box.sectionKey) : thread ? title(thread.sectionKey) ?? thread.sectionKey : undefined;
    if (section === undefined) continue;
    refusals[name] =
      box?.kind === "comment"
        ? `Your comment on “${section}” is not sent yet: send it, or clear it, before you ${then}.`
        : `Your reply in the thread on “${section}” is not sent yet: send it, or clear it, before you ${then}.`;
  }
  return refusals;
}
