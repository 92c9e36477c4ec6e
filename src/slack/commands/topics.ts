import { listTopics } from "../../services/submission-service";
import { topicsMessage } from "../../views/topics-message";
import type { Subcommand } from "./subcommand";

/** `/convene topics`: suggested priority issues, most upvoted first, with Upvote buttons for members. */
export const topicsSubcommand: Subcommand = {
  name: "topics",
  usage: "topics",
  summary: "Topics members suggested for next year; upvote the ones that matter to you",
  staffOnly: false,
  async run({ userId, client, services }) {
    const list = await listTopics(services, client, userId);
    return topicsMessage(list.topics, list);
  },
};
