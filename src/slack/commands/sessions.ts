import { findGroup, sessionsOf } from "../../services/directory-service";
import { groupNotFoundMessage } from "../../views/group-details";
import { sessionsMessage } from "../../views/sessions-message";
import { readerOf } from "../reader";
import type { Subcommand } from "./subcommand";

/** `/convene sessions [group]`: the next sessions, every group's or one group's, in the reader's zone. */
export const sessionsSubcommand: Subcommand = {
  name: "sessions",
  usage: "sessions [group]",
  summary: "The next sessions, with add-to-calendar links",
  staffOnly: false,
  async run({ args, userId, client, services }) {
    const reader = await readerOf(services, client, userId);
    const viewer = { personId: reader.person.id, isStaff: reader.role === "staff" };
    if (!args) return sessionsMessage({ sessions: await sessionsOf(services, null, viewer), zone: reader.zone, groupName: null });
    const match = await findGroup(services, args, reader.person.id);
    if (match.kind !== "found")
      return groupNotFoundMessage(args, match.kind === "ambiguous" ? match.groups : match.all, match.kind === "ambiguous");
    return sessionsMessage({ sessions: await sessionsOf(services, match.group, viewer), zone: reader.zone, groupName: match.group.name });
  },
};
