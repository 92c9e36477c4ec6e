/**
 * When an organization is admitted as a member: the welcome each of its people already in Slack
 * gets, with the groups open to them, and the short checklist staff get. Pure.
 */
import type { KnownBlock } from "@slack/types";
import { ACTIONS } from "./actions";
import { codeSpan, escapeMrkdwn, type Message } from "./message";
import { contextLine, mrkdwnSection, option, plain } from "./modal-kit";

/** Groups listed and offered to join; the Home tab lists the rest. */
const GROUPS_SHOWN = 10;

export interface OpenGroupLine {
  id: string;
  name: string;
  programmeName: string;
  /** Joining puts them on the waitlist. */
  full: boolean;
}

export function organizationWelcomeMessage(v: { organization: string; groups: readonly OpenGroupLine[] }): Message {
  const org = escapeMrkdwn(v.organization);
  const blocks: KnownBlock[] = [
    mrkdwnSection(`:wave: Welcome to the coalition! *${org}* is now a member organization, so you can join its groups and their sessions.`),
  ];
  if (v.groups.length === 0) {
    blocks.push(
      mrkdwnSection(
        "No group is taking sign-ups right now. Convene's Home tab shows when sign-ups open, and `/convene groups` lists every group.",
      ),
    );
  } else {
    const shown = v.groups.slice(0, GROUPS_SHOWN);
    const lines = shown.map(
      (g) => `• *${escapeMrkdwn(g.name)}* · ${escapeMrkdwn(g.programmeName)}${g.full ? " · full: joining puts you on its waitlist" : ""}`,
    );
    blocks.push(mrkdwnSection([`*Open to you now* (${v.groups.length})`, ...lines].join("\n")));
    // One menu, not a Join button per group: a message's buttons cannot share an action id.
    blocks.push({
      type: "actions",
      block_id: "organization_welcome_join",
      elements: [
        {
          type: "static_select",
          action_id: ACTIONS.joinGroupPicked,
          placeholder: plain("Join a group…", 150),
          options: shown.map((g) => option(g.name, g.id)),
        },
      ],
    });
    const more = v.groups.length - GROUPS_SHOWN;
    blocks.push(
      contextLine(
        `${more > 0 ? `…and ${more} more. ` : ""}Convene's Home tab lists every group open to you; \`/convene help\` shows what else you can do.`,
      ),
    );
  }
  const names = v.groups.slice(0, 3).map((g) => escapeMrkdwn(g.name));
  const text = `Welcome to the coalition: ${org} is now a member organization.${names.length ? ` Open to you: ${names.join(", ")}${v.groups.length > names.length ? ", and more" : ""}.` : ""}`;
  return { text, blocks };
}

export function organizationChecklistMessage(v: {
  organization: string;
  domains: readonly string[];
  welcomed: number;
  openGroups: number;
}): Message {
  const org = escapeMrkdwn(v.organization);
  const domains = v.domains.length ? v.domains.map(codeSpan).join(", ") : "none yet";
  const welcomed =
    v.welcomed === 0
      ? "Convene knows none of its people yet: each counts as a member from the first time they use Convene."
      : `${v.welcomed === 1 ? "1 of its people" : `${v.welcomed} of its people`} already in Slack got a welcome DM listing the ${v.openGroups === 1 ? "1 group" : `${v.openGroups} groups`} open to them.`;
  return {
    text: `${org} is now a member organization: a short checklist.`,
    blocks: [
      mrkdwnSection(`:tada: *${org}* is now a member organization. ${welcomed}`),
      mrkdwnSection(
        [
          "*Checklist*",
          `• Confirm its email domains (${domains}) in ${codeSpan(`/convene admin org ${v.organization}`)}; confirm anyone who uses another address with \`/convene admin person @name\`.`,
          "• Ask who from it will facilitate, and add them in the group's form (`/convene admin group edit &lt;group&gt;`).",
          "• Announce it in the coalition's announcements channel.",
        ].join("\n"),
      ),
    ],
  };
}
