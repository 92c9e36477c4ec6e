import { findGroup, groupDetails } from "../../services/directory-service";
import { groupDetailsMessage, groupNotFoundMessage } from "../../views/group-details";
import { notice } from "../../views/message";
import { readerOf } from "../reader";
import type { Subcommand } from "./subcommand";

/** `/convene group <name>`: one group in full, found by a few words of its name (typos forgiven). */
export const groupSubcommand: Subcommand = {
  name: "group",
  usage: "group <name>",
  summary: "A group's facilitators, description, channel and next sessions",
  staffOnly: false,
  async run({ args, userId, client, services }) {
    if (!args) return notice("Which group? Type a few words of its name, e.g. `/convene group equity`. `/convene groups` lists them all.");
    const reader = await readerOf(services, client, userId);
    const match = await findGroup(services, args, reader.person.id);
    if (match.kind !== "found")
      return groupNotFoundMessage(args, match.kind === "ambiguous" ? match.groups : match.all, match.kind === "ambiguous");
    const details = await groupDetails(services, match.group.id, { personId: reader.person.id, isStaff: reader.role === "staff" });
    return groupDetailsMessage(details, {
      zone: reader.zone,
      canJoin: reader.role !== "guest",
      ...(match.guessed && { guessedFrom: args }),
    });
  },
};
