import type { App } from "@slack/bolt";
import type { Services } from "../../services/context";
import { followUpDeps, sendSoon } from "../../outbox/follow-ups";
import { editProposal, type Saved, submitProposal } from "../../services/proposal-service";
import { myProposalOf } from "../../services/proposal-views";
import type { StateValues } from "../../views/modal-kit";
import { editedProposalId, parseProposal, PROPOSAL_CALLBACK, proposalSavedModal } from "../../views/proposal-modal";
import { failedSubmissionAnswer, submissionKey, onViewSubmission } from "../modal-flow";

/**
 * The proposal modal, new or edited: saved in one transaction (a resubmitted view finds the
 * proposal it created), answered in the modal, then the review card and the DMs go out.
 */
export function registerProposalSubmission(app: App, services: Services): void {
  onViewSubmission(app, services, PROPOSAL_CALLBACK, async ({ ack, body, view, client }) => {
    const parsed = parseProposal(view.state.values as StateValues);
    if (!parsed.ok) {
      await ack({ response_action: "errors", errors: parsed.errors });
      return;
    }
    const proposalId = editedProposalId(view.private_metadata);
    const title = proposalId ? "Edit your proposal" : "Propose a group";
    let saved: Saved;
    try {
      saved = proposalId
        ? await editProposal(services, client, { proposalId, actorSlackId: body.user.id, fields: parsed.value })
        : await submitProposal(services, client, {
            idempotencyKey: submissionKey(view),
            proposerSlackId: body.user.id,
            fields: parsed.value,
          });
    } catch (err) {
      await ack(failedSubmissionAnswer(err, view, title, services.logger));
      return;
    }
    const { proposal } = saved;
    const mine = myProposalOf(proposal, services.now());
    await ack({
      response_action: "update",
      view: proposalSavedModal({
        title: proposal.title,
        programmeName: proposal.programme.name,
        edited: !!proposalId,
        changeableUntil: mine.changeableUntil,
        timezone: proposal.programme.timezone,
      }),
    });
    await sendSoon(followUpDeps(services, client), saved.followUps);
  });
}
