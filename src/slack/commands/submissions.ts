import { pendingSubmissions } from "../../services/submission-service";
import { pendingSubmissionsMessage } from "../../views/submission-review";
import type { Subcommand } from "./subcommand";

/** `/convene submissions`: events and membership applications waiting for a staff decision. */
export const submissionsSubcommand: Subcommand = {
  name: "submissions",
  usage: "submissions",
  summary: "Review member-hosted events and membership applications",
  staffOnly: true,
  async run({ userId, services }) {
    const pending = await pendingSubmissions(services, userId);
    return pendingSubmissionsMessage(pending.submissions, pending.total);
  },
};
