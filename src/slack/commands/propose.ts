import { proposalOpenings } from "../../services/proposal-service";
import { proposalsClosedMessage } from "../../views/proposal-messages";
import { proposalModal } from "../../views/proposal-modal";
import type { Subcommand } from "./subcommand";

/**
 * `/convene propose`: the proposal modal for the programmes taking proposals, or, when none is,
 * a reply that says since when (the deadline that passed).
 */
export const proposeSubcommand: Subcommand = {
  name: "propose",
  usage: "propose",
  summary: "Propose a group you would facilitate",
  staffOnly: false,
  async run({ userId, triggerId, client, services }) {
    const { open, closed } = await proposalOpenings(services, client, userId);
    if (open.length === 0) return proposalsClosedMessage(closed);
    // Few queries (users.info at most once a day) stand between the command and the modal: the trigger is still fresh.
    await client.views.open({ trigger_id: triggerId, view: proposalModal({ programmes: open, proposerSlackId: userId }) });
    return;
  },
};
