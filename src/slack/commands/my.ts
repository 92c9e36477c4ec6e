import { myOverview } from "../../services/directory-service";
import { myMessage } from "../../views/my-message";
import { readerOf } from "../reader";
import type { Subcommand } from "./subcommand";

/** `/convene my`: the reader's groups, their next sessions and their proposals. */
export const mySubcommand: Subcommand = {
  name: "my",
  usage: "my",
  summary: "Your groups, your next sessions and your proposals",
  staffOnly: false,
  async run({ userId, client, services }) {
    const reader = await readerOf(services, client, userId);
    return myMessage({
      ...(await myOverview(services, { personId: reader.person.id, isStaff: reader.role === "staff" })),
      zone: reader.zone,
    });
  },
};
