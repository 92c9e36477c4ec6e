import { allDeadlines, deadlineChannels } from "../../services/directory-service";
import { deadlinesMessage } from "../../views/deadlines-message";
import { readerOf } from "../reader";
import type { Subcommand } from "./subcommand";

/** `/convene deadlines`: what falls due next, in the reader's zone. */
export const deadlinesSubcommand: Subcommand = {
  name: "deadlines",
  usage: "deadlines",
  summary: "Coming deadlines: proposals, sign-ups and more",
  staffOnly: false,
  async run({ userId, client, services }) {
    const reader = await readerOf(services, client, userId);
    const [deadlines, channels] = await Promise.all([allDeadlines(services), deadlineChannels(services)]);
    return deadlinesMessage({ deadlines, zone: reader.zone, channels });
  },
};
