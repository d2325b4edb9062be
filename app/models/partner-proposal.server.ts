import { commentSections, type PartnerChange } from "~/domain/review-forms";
import { Refusals } from "~/domain/errors";
import { unsentCommentsRefusal } from "~/domain/unsent-comments";
import { agreedInForce, closedToAcceptance, partnerAcceptanceNote, partnerStatus } from "~/domain/workflow";
import { forPage } from "~/domain/page-pictures";
import { withPrintMarks } from "~/domain/proposal-print";
import { redirectWithFlash } from "~/lib/route.server";
import { listEngagements } from "~/models/engagements.server";
import { getVersion, listVersions, readPictures } from "~/models/proposal.server";
import { documentsPending, editionOf, scheduleDocuments } from "~/models/proposal-documents.server";
import {
  acceptedLatestShared,
  answersRequested,
  markAgreementSeen,
  offeredOptions,
  partnerAgreement,
  partnerChangesSince,
  responsesTo,
  markSeen,
  respondToVersion,
} from "~/models/sharing.server";
import { addComment, listComments } from "~/models/comments.server";
import { leadershipOn, partnerView } from "~/models/workflow.server";
import { getDb } from "~/services/db.server";
import { notFound, type SessionUser } from "~/services/session.server";

/**
 * The partner's view of their proposal: only shared versions of their own organisation, and no internal
 * field (docs/domain.md §9.4). `requested` is the version asked for; the latest shared one otherwise. Read
 * here rather than in the route module, so the page's script imports one server module for it
 * (docs/decisions/0040).
 */
export function partnerProposalPage(user: SessionUser, id: number, requested: number) {
  const engagement = listEngagements(user).find((e) => e.id === id);
  if (!engagement) throw notFound("No such proposal.");
  const versions = listVersions(user, id).map((v) => ({ number: v.number, sharedAt: v.sharedAt }));
  const latest = versions[0];
  if (!latest) throw notFound("No such proposal.");
  const number = versions.some((v) => v.number === requested) ? requested : latest.number;
  const version = getVersion(user, id, number);
  // What they may answer, and the status, follow this version's own standing, as the answer itself is decided.
  const view = partnerView(getDb(), id, number);
  const { seen, since, sinceAgreed, sinceSharedAt, changes, recordOnOpen } = partnerChangesSince(
    user,
    id,
    versions,
    number,
    agreedInForce(latest.number, view.inForce)
  );
  const pictures = forPage(readPictures(getDb(), version.id));
  const status = partnerStatus(engagement.stage, acceptedLatestShared([id]).has(id), {
    number,
    latestShared: latest.number,
    standing: view.standing,
    us: view.us,
    inForce: view.inForce,
    latestStanding: number === latest.number ? view.standing : partnerView(getDb(), id, latest.number).standing,
  });
  return {
    id,
    title: engagement.title,
    status: status.label,
    tone: status.tone,
    answer: view.answer,
    // The day we ask them to answer the version they read by, while their answer is awaited (docs/domain.md §9.16).
    answerBy: ((asked) => (asked?.number === number ? asked.words : null))(answersRequested([id]).get(id)),
    // The version agreed by both sides and in force, said where they arrive; its notice goes once they have seen it here.
    agreement: partnerAgreement(user, id, view.inForce, view.us),
    // Why the latest version, still unanswered, is no longer theirs to accept.
    notOpen: number === latest.number && !view.answered ? closedToAcceptance(number, view.standing, view.us, view.inForce) : null,
    // Where our leadership (named, as the version names us) stands on the version the partner is still to accept: said beside the answer.
    // The key dates of a version declined or not taken forward will not happen: no calendar file is offered.
    keyDates: view.standing !== "declined" && view.standing !== "not_taken_forward",
    versions,
    number,
    latest: latest.number,
    seen,
    since,
    sinceAgreed,
    sinceSharedAt,
    changes,
    recordOnOpen,
    // The partner version only: no internal block, no leadership conditions (docs/domain.md §9.4).
    ...(({ content, approval }) => ({
      content: withPrintMarks(content, pictures),
      approval,
      // Beside Accept: that leadership's approval carries conditions, which the team sets out with them (never their text).
      acceptanceNote: partnerAcceptanceNote(
        number,
        leadershipOn(getDb(), version.id),
        view.us,
        approval.status === "approved" && approval.decision === "approved_with_conditions"
      ),
    }))(editionOf(user, version, "partner")),
    pictures,
    documentsPending: documentsPending(version, ["partner"]),
    comments: listComments(user, id),
    // A version declined or not taken forward takes no more comments, nor replies in its threads: said in place of the forms.
    commentsClosed: view.commentsClosed,
    closedToComments: versions
      .filter((v) => (v.number === number ? view.commentsClosed : partnerView(getDb(), id, v.number).commentsClosed))
      .map((v) => v.number),
    answers: responsesTo(user, id),
    // The options the partner chooses from when accepting (docs/domain.md §9.13): none when the version offers one scope.
    options: offeredOptions(version),
    // A comment is about one of the document's own sections, each of which offers "Comment on this section".
    sections: commentSections([version.content]),
  };
}

/** The partner's answers on their proposal's page: a version opened or its agreement seen, an answer, a comment. */
export function partnerProposalChange(request: Request, user: SessionUser, id: number, input: PartnerChange) {
  const back = `/partner/engagements/${id}`;
  switch (input.intent) {
    case "seen":
      markSeen(user, id, input.number);
      return null;
    case "agreement_seen":
      markAgreementSeen(user, id, input.number);
      return null;
    case "respond": {
      // A comment typed on the page but not sent would not go with the answer: it is sent or cleared first.
      const unsent = input.unsent.trim()
        ? unsentCommentsRefusal(
            input.unsent,
            { sections: commentSections([getVersion(user, id, input.number).content]), threads: listComments(user, id).filter((c) => c.parentId === null) },
            input.response
          )
        : {};
      if (Object.keys(unsent).length) throw new Refusals(unsent);
      const signer = { name: input.signerName, title: input.signerTitle, confirmed: input.confirm };
      const { versionId } = respondToVersion(user, id, input.number, input.response, input.reason, signer, input.option);
      // The acceptance record, and the next steps of a version with changes asked for, are part of its documents: they are made again.
      scheduleDocuments(versionId);
      markSeen(user, id, input.number);
      return redirectWithFlash(
        request,
        back,
        input.response === "accepted"
          ? "Thank you: you accepted the proposal. The partnership team will take it forward."
          : "Your request for changes was sent to the partnership team."
      );
    }
    case "comment":
      addComment(user, id, { ...input, visibility: "partner" });
      markSeen(user, id, input.number);
      return redirectWithFlash(request, back, "Comment sent to the partnership team.");
  }
}
