import { changeMembership } from "../../services/membership-admin-service";
import { groupNamed, myRosters, requireRosterAccess, rosterFor } from "../../services/roster-service";
import { followUpDeps, sendFollowUps } from "../../outbox/follow-ups";
import { membershipChangeDoneText } from "../../views/membership-change-messages";
import { UserError } from "../../errors";
import { escapeMrkdwn, notice } from "../../views/message";
import { ROSTER_TITLE } from "../../views/roster-modal";
import { openModalWhenReady } from "../modal-flow";
import { rosterModalFor } from "../roster-view";
import type { Subcommand } from "./subcommand";

/** `<group> add|remove|promote @person [waitlist]`, or `<group> move @person to <group> [waitlist]`. */
const CHANGE =
  /^(?<group>.+?)\s+(?<action>add|remove|promote|move)\s+<@(?<user>[UW][A-Z0-9]+)(?:\|[^>]*)?>(?:\s+to\s+(?<to>.+?))?(?<waitlist>\s+waitlist)?$/i;
const CHANGE_WORD = /\s(add|remove|promote|move)(\s|$)/i;
const CHANGE_USAGE =
  "Say what to change: `/convene roster &lt;group&gt; add @person`, `remove @person`, `promote @person` (from the waitlist), or `move @person to &lt;group&gt;`; add `waitlist` to put them on the waitlist of a full group.";

/**
 * `/convene roster <group>` (staff and the group's facilitators): who is in it. Without a name, a
 * facilitator of one group gets that group's. Access is checked before the modal opens, so a
 * refusal is answered beside the command, and again by the service.
 */
export const rosterSubcommand: Subcommand = {
  name: "roster",
  usage: "roster <group> [add|remove|promote|move @person [to <group>]]",
  summary:
    "Who is in a group, from which organization, and their attendance; add, move, remove or promote someone (staff and the group's facilitators)",
  staffOnly: false,
  async run({ args, userId, triggerId, client, services }) {
    const change = CHANGE.exec(args)?.groups;
    if (change) {
      const action = change.action!.toLowerCase() as "add" | "remove" | "promote" | "move";
      if ((action === "move") !== Boolean(change.to)) return notice(CHANGE_USAGE);
      const from = await groupNamed(services, change.group!);
      const to = change.to ? await groupNamed(services, change.to) : null;
      let result;
      try {
        result = await changeMembership(services, client, {
          actor: userId,
          change: {
            action,
            groupId: from.id,
            slackUserId: change.user!,
            toGroupId: to?.id ?? null,
            waitlistIfFull: Boolean(change.waitlist),
          },
          // Slack resends a command with its trigger: the same change is not made or announced twice.
          idempotencyKey: `roster-command:${triggerId}`,
        });
      } catch (err) {
        // Its refusals name people and groups as they were typed.
        if (err instanceof UserError) return notice(`:no_entry_sign: ${escapeMrkdwn(err.message)}`);
        throw err;
      }
      await sendFollowUps(followUpDeps(services, client), result.followUps);
      return notice(membershipChangeDoneText(result));
    }
    let group: { id: string; name: string };
    if (args) {
      try {
        group = await groupNamed(services, args);
      } catch (err) {
        // No such group, but a change half typed: say how to type it.
        if (err instanceof UserError && err.code === "not_found" && CHANGE_WORD.test(args)) return notice(CHANGE_USAGE);
        throw err;
      }
    } else {
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
