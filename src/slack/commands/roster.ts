import { groupNamed, myRosters, requireRosterAccess, rosterFor } from "../../services/roster-service";
import { notice } from "../../views/message";
import { ROSTER_TITLE } from "../../views/roster-modal";
import { openModalWhenReady } from "../modal-flow";
import { rosterModalFor } from "../roster-view";
import type { Subcommand } from "./subcommand";

/**
 * `/convene roster <group>` (staff and the group's facilitators): who is in it. Without a name, a
 * facilitator of one group gets that group's. Access is checked before the modal opens, so a
 * refusal is answered beside the command, and again by the service.
 */
export const rosterSubcommand: Subcommand = {
  name: "roster",
  usage: "roster <group>",
  summary: "Who is in a group, from which organization, and their attendance (staff and the group's facilitators)",
  staffOnly: false,
  async run({ args, userId, triggerId, client, services }) {
    let group: { id: string; name: string };
    if (args) group = await groupNamed(services, args);
    else {
      const mine = await myRosters(services, userId);
      if (mine.length !== 1) return notice("Which group? Type a few words of its name, e.g. `/convene roster equity`.");
      group = { id: mine[0]!.groupId, name: mine[0]!.name };
    }
    await requireRosterAccess(services, userId, group, "see its roster");
    return openModalWhenReady(client, {
      triggerId,
      title: ROSTER_TITLE,
      logger: services.logger,
      build: async () => rosterModalFor(services, client, userId, await rosterFor(services, { slackUserId: userId, group })),
    });
  },
};
