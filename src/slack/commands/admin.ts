import { forbidden } from "../../errors";
import { adminOverview } from "../../services/admin-overview-service";
import { resetSharedFeed } from "../../services/calendar-service";
import { findGroup, findOrganization } from "../../services/directory-service";
import { findSessionsOn } from "../../services/session-admin-service";
import { grantStaff } from "../../services/staff-service";
import { changeAnnouncementChannel } from "../../services/announcement-service";
import { adminUsageMessage, channelSyncNotice, feedResetMessage, programmesMessage, staffGrantedMessage } from "../../views/admin-messages";
import { groupNotFoundMessage } from "../../views/group-details";
import { escapeMrkdwn, notice } from "../../views/message";
import { fallbackText } from "../../views/slack-date";
import {
  type ModalTarget,
  showAdminMenu,
  showCancelModal,
  showGroupModal,
  showOrganizationModal,
  showPersonModal,
  showProgrammeSettingsModal,
  showSessionModal,
  showStaffModal,
} from "../admin-modals";
import { readerOf } from "../reader";
import type { Subcommand, SubcommandInput } from "./subcommand";

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const MENTION = /^<@([UW][A-Z0-9]+)(?:\|[^>]*)?>$|^([UW][A-Z0-9]{2,})$/;
const CHANNEL = /^<#([CG][A-Z0-9]+)(?:\|[^>]*)?>$|^([CG][A-Z0-9]{2,})$/;
const CHANNEL_NAME = /^#?([a-z0-9][a-z0-9_-]{0,79})$/;
const ANNOUNCEMENTS_USAGE =
  "Use `/convene admin announcements &lt;programme&gt; #channel` to link a channel, `/convene admin announcements &lt;programme&gt; create &lt;name&gt;` to have Convene create one, or `/convene admin announcements &lt;programme&gt;` for the programme settings form.";

async function sessionCommand(input: SubcommandInput, target: ModalTarget, verb: string, words: string[]) {
  const { services, client, userId } = input;
  const reader = await readerOf(services, client, userId);
  if (verb === "new") {
    const query = words.join(" ");
    const match = query ? await findGroup(services, query, null) : null;
    if (match && match.kind !== "found")
      return groupNotFoundMessage(query, match.kind === "ambiguous" ? match.groups : match.all, match.kind === "ambiguous");
    await showSessionModal(services, client, target, match?.kind === "found" ? { scope: `group:${match.group.id}` } : {});
    return;
  }
  const date = words.at(-1);
  if (!date || !DATE.test(date)) {
    return notice(
      `Say which session: \`/convene admin session ${verb} &lt;group&gt; &lt;YYYY-MM-DD&gt;\`, or pick it in \`/convene admin\`.`,
    );
  }
  const found = await findSessionsOn(services, userId, words.slice(0, -1).join(" "), date);
  if (found.length !== 1) {
    const list = found
      .map(
        (s) =>
          `• ${escapeMrkdwn(s.title)} · ${escapeMrkdwn(s.groupName ?? s.programmeName)} · ${fallbackText(s.startsAt, "{date_short} {time}", reader.zone)}`,
      )
      .join("\n");
    return notice(
      found.length
        ? `More than one session fits:\n${list}\nAdd words from its group's name, or pick it in \`/convene admin\`.`
        : `No scheduled session fits that on ${date}. \`/convene admin\` lists the upcoming ones.`,
    );
  }
  const session = found[0]!;
  if (verb === "cancel") await showCancelModal(services, client, target, session.id, reader.zone);
  else await showSessionModal(services, client, target, { sessionId: session.id });
  return;
}

/**
 * `/convene admin ...`: staff's work in Slack. Alone it opens the admin menu; the subcommands go
 * straight to a form. Every path is checked for staff here and again by the service it calls.
 */
export const adminSubcommand: Subcommand = {
  name: "admin",
  usage:
    "admin [group new | group edit <name> | session new|edit|cancel | staff @person | person @person | org new|<name> | programmes | announcements <programme> #channel | feed reset <programme or group>]",
  summary: "Programmes, groups, sessions, organizations, people and staff (forms for each)",
  staffOnly: true,
  async run(input) {
    const { args, userId, triggerId, isStaff, client, services } = input;
    if (!isStaff) throw forbidden("use Convene's admin");
    const target: ModalTarget = { triggerId, userId, push: false };
    const [first = "", second = "", ...rest] = args.split(/\s+/).filter(Boolean);
    switch (first.toLowerCase()) {
      case "":
        await showAdminMenu(services, client, target, (await readerOf(services, client, userId)).zone);
        return;
      case "programmes":
        return programmesMessage((await adminOverview(services, userId)).programmes);
      case "group": {
        if (second === "new") return void (await showGroupModal(services, client, target));
        if (second !== "edit" || rest.length === 0)
          return notice("Use `/convene admin group new`, or `/convene admin group edit &lt;name&gt;`.");
        const query = rest.join(" ");
        const match = await findGroup(services, query, null);
        if (match.kind !== "found")
          return groupNotFoundMessage(query, match.kind === "ambiguous" ? match.groups : match.all, match.kind === "ambiguous");
        return void (await showGroupModal(services, client, target, match.group.id));
      }
      case "session":
        if (!["new", "edit", "cancel"].includes(second))
          return notice("Use `/convene admin session new [group]`, or `session edit|cancel &lt;group&gt; &lt;YYYY-MM-DD&gt;`.");
        return sessionCommand(input, target, second, rest);
      case "announcements": {
        // The channel as Slack escapes a mention (<#C123|name>), its ID, or `create <name>`.
        // Just the programme: its settings form, with the channel to pick.
        if (second && rest.length === 0) return void (await showProgrammeSettingsModal(services, client, target, second));
        const linked = CHANNEL.exec(rest[0] ?? "");
        const named = rest[0] === "create" ? CHANNEL_NAME.exec(rest[1] ?? "") : null;
        if (!second || rest.length > (named ? 2 : 1) || (!linked && !named)) return notice(ANNOUNCEMENTS_USAGE);
        const wish = linked ? { link: (linked[1] ?? linked[2])! } : { create: named![1]! };
        const { programmeName, result } = await changeAnnouncementChannel(services, client, userId, { programmeSlug: second, wish });
        return notice(channelSyncNotice(programmeName, [result]));
      }
      case "org": {
        if (second === "new") return void (await showOrganizationModal(services, client, target));
        const name = [second, ...rest].join(" ").trim().toLowerCase();
        const org = name ? await findOrganization(services, name) : null;
        if (!org) return notice("Use `/convene admin org new`, or `/convene admin org &lt;name&gt;` with a name `/convene orgs` lists.");
        return void (await showOrganizationModal(services, client, target, org.id));
      }
      case "person": {
        const mention = MENTION.exec(second);
        if (!mention) return notice("Say who: `/convene admin person @name`, or pick them under People in `/convene admin`.");
        return void (await showPersonModal(services, client, target, (mention[1] ?? mention[2])!));
      }
      case "staff": {
        const mention = MENTION.exec(second);
        if (!mention) return void (await showStaffModal(services, client, target));
        const slackUserId = (mention[1] ?? mention[2])!;
        const { granted } = await grantStaff(services, client, userId, slackUserId);
        return staffGrantedMessage({ slackUserId, granted });
      }
      case "feed": {
        if (second !== "reset" || rest.length === 0)
          return notice("Use `/convene admin feed reset &lt;programme&gt;` or `/convene admin feed reset &lt;group&gt;`.");
        const feed = await resetSharedFeed(services, userId, rest.join(" "));
        return feedResetMessage(feed);
      }
      default:
        return adminUsageMessage(first);
    }
  },
};
