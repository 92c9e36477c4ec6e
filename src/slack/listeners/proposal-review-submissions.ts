import type { App } from "@slack/bolt";
import type { Services } from "../../services/context";
import { followUpDeps, sendSoon } from "../../outbox/follow-ups";
import { decidedAlready, decideWithNote, submitReview } from "../../services/proposal-review-service";
import { messageModal, type StateValues } from "../../views/modal-kit";
import { NOTE_CALLBACKS, type NoteDecision, parseNote } from "../../views/proposal-note-modal";
import { parseReview, SCORE_CALLBACK } from "../../views/proposal-score-modal";
import { failedSubmissionAnswer, onViewSubmission } from "../modal-flow";

const DONE: Record<NoteDecision, { title: string; text: string }> = {
  DECLINED: { title: "Decline proposal", text: ":no_entry_sign: Declined. Convene sends the proposer your note and updates the card." },
  CHANGES_REQUESTED: {
    title: "Ask for changes",
    text: ":pencil2: Sent. The proposer gets your note with an Edit button; their edit comes back to the card.",
  },
};

/** The rubric and the decision notes: each saved (or refused in the modal), then the card and DMs follow. */
export function registerProposalReviewSubmissions(app: App, services: Services): void {
  onViewSubmission(app, services, SCORE_CALLBACK, async ({ ack, body, view, client }) => {
    const parsed = parseReview(view.state.values as StateValues);
    if (!parsed.ok) {
      await ack({ response_action: "errors", errors: parsed.errors });
      return;
    }
    let followUps;
    try {
      followUps = await submitReview(services, { proposalId: view.private_metadata, actorSlackId: body.user.id, review: parsed.value });
    } catch (err) {
      await ack(failedSubmissionAnswer(err, view, "Review a proposal", services.logger));
      return;
    }
    await ack();
    await sendSoon(followUpDeps(services, client), followUps);
  });

  for (const decision of ["DECLINED", "CHANGES_REQUESTED"] as const) {
    onViewSubmission(app, services, NOTE_CALLBACKS[decision], async ({ ack, body, view, client }) => {
      const parsed = parseNote(view.state.values as StateValues, decision);
      if (!parsed.ok) {
        await ack({ response_action: "errors", errors: parsed.errors });
        return;
      }
      const { title, text } = DONE[decision];
      let outcome;
      try {
        outcome = await decideWithNote(services, {
          proposalId: view.private_metadata,
          actorSlackId: body.user.id,
          decision,
          note: parsed.value,
        });
        if (!outcome.decided) throw decidedAlready(outcome.proposal.status);
      } catch (err) {
        await ack(failedSubmissionAnswer(err, view, title, services.logger));
        return;
      }
      await ack({ response_action: "update", view: messageModal(title, text) });
      await sendSoon(followUpDeps(services, client), outcome.followUps);
    });
  }
}
