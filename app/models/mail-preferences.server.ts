import { eq } from "drizzle-orm";
import { noticeOptOuts } from "../../db/schema";
import { NOTICE_LABELS, noticeKindsFor, type NoticeKind } from "~/domain/mail";
import type { Actor } from "~/domain/roles";
import { writeAudit } from "~/services/audit.server";
import { getDb } from "~/services/db.server";

/** The notices by mail this user can receive, each on or off; their own choice, nobody else's. */
export function noticeChoices(actor: Actor) {
  const off = new Set(
    getDb()
      .select({ kind: noticeOptOuts.kind })
      .from(noticeOptOuts)
      .where(eq(noticeOptOuts.userId, actor.id))
      .all()
      .map((r) => r.kind)
  );
  return noticeKindsFor(actor).map((kind) => ({ kind, label: NOTICE_LABELS[kind].label, on: !off.has(kind) }));
}

/** Keeps on the kinds in `on` and turns the user's other kinds off. */
export function setNoticeChoices(actor: Actor, on: NoticeKind[]) {
  const kinds = noticeKindsFor(actor);
  getDb().transaction((tx) => {
    tx.delete(noticeOptOuts).where(eq(noticeOptOuts.userId, actor.id)).run();
    const off = kinds.filter((k) => !on.includes(k));
    for (const kind of off) tx.insert(noticeOptOuts).values({ userId: actor.id, kind }).run();
    writeAudit(tx, { userId: actor.id, action: "notices.choose", detail: { off } });
  });
}
