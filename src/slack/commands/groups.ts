import { listGroups } from "../../services/directory-service";
import { groupsMessage } from "../../views/groups-message";
import { readerOf } from "../reader";
import type { Subcommand } from "./subcommand";

/** `/convene groups`: every running group, those taking sign-ups first, with Join and Details. */
export const groupsSubcommand: Subcommand = {
  name: "groups",
  usage: "groups",
  summary: "List the groups, those taking sign-ups first",
  staffOnly: false,
  async run({ userId, client, services }) {
    const reader = await readerOf(services, client, userId);
    const groups = await listGroups(services, reader.person.id);
    return groupsMessage({ groups, canJoin: reader.role !== "guest", isStaff: reader.role === "staff" });
  },
};
