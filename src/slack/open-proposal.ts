import type { WebClient } from "@slack/web-api";
import type { Services } from "../services/context";
import { editForm, proposalOpenings } from "../services/proposal-service";
import { messageModal } from "../views/modal-kit";
import { proposalsClosedText } from "../views/proposal-messages";
import { proposalModal } from "../views/proposal-modal";
import { openModalWhenReady } from "./modal-flow";

const TITLE = "Propose a group";

/**
 * The proposal modal from a button (App Home's Propose, a proposal's Edit): loading first, then
 * the form, or why there is none (proposals closed, the proposal decided).
 */
export function openProposalForm(
  services: Services,
  client: WebClient,
  input: { triggerId: string; slackUserId: string; proposalId?: string },
): Promise<void> {
  return openModalWhenReady(client, {
    triggerId: input.triggerId,
    title: input.proposalId ? "Edit your proposal" : TITLE,
    logger: services.logger,
    async build() {
      if (input.proposalId)
        return proposalModal(await editForm(services, { proposalId: input.proposalId, actorSlackId: input.slackUserId }));
      const { open, closed } = await proposalOpenings(services, client, input.slackUserId);
      if (open.length === 0) return messageModal(TITLE, proposalsClosedText(closed));
      return proposalModal({ programmes: open, proposerSlackId: input.slackUserId });
    },
  });
}
