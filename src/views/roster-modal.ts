/**
 * A group's roster for staff and its facilitators: members with their organization, when they
 * signed up and by whom, attendance so far, then the waitlist in order; with Export CSV, Message
 * the group and Manage members. Stays within a modal's 100 blocks. Pure.
 */
import type { KnownBlock, ModalView } from "@slack/types";
import { escapeMrkdwn } from "./message";
import { contextLine, modal, mrkdwnSection } from "./modal-kit";
import { slackDate } from "./slack-date";

export const ROSTER_TITLE = "Roster";
export const ROSTER_EXPORT_CSV = "roster_export_csv";
export const ROSTER_MESSAGE_GROUP = "roster_message_group";
export const ROSTER_MANAGE_MEMBERS = "roster_manage_members";
export const ROSTER_ACTIONS_BLOCK = "roster_actions";

export interface RosterEntryView {
  slackUserId: string;
  name: string;
  organization: string | null;
  signedUpAt: Date;
  signedUpBy: { slackUserId: string } | null;
  attended: number;
  recorded: number;
}

export interface RosterView {
  group: { id: string; name: string; programmeName: string; capacity: number | null };
  members: readonly RosterEntryView[];
  waitlist: readonly RosterEntryView[];
  sessionsRecorded: number;
  /** The reader's zone, for the fallback text of date tokens. */
  zone: string;
  /** Shown once the CSV was sent. */
  exported?: boolean;
}

const SECTION_MAX = 2900;
/** Blocks left for member and waitlist sections once the heading, actions and notes are in. */
const MAX_LIST_SECTIONS = 90;

/** Lines packed into as few sections as fit, each under Slack's limit. */
function packed(lines: readonly string[]): string[] {
  const sections: string[] = [];
  let current = "";
  for (const line of lines) {
    if (current && current.length + line.length + 1 > SECTION_MAX) {
      sections.push(current);
      current = "";
    }
    current = current ? `${current}\n${line}` : line;
  }
  if (current) sections.push(current);
  return sections;
}

const who = (e: RosterEntryView) => `*${escapeMrkdwn(e.name)}*${e.organization ? ` · ${escapeMrkdwn(e.organization)}` : ""}`;

function memberLine(e: RosterEntryView, v: RosterView): string {
  const signedUp = `signed up ${slackDate(e.signedUpAt, "{date_short}", v.zone)}${e.signedUpBy ? ` by <@${e.signedUpBy.slackUserId}>` : ""}`;
  const attendance = v.sessionsRecorded > 0 ? ` · attended ${e.attended} of ${v.sessionsRecorded}` : "";
  return `• ${who(e)} · ${signedUp}${attendance}`;
}

const waitLine = (e: RosterEntryView, i: number, v: RosterView) =>
  `${i + 1}. ${who(e)} · waiting since ${slackDate(e.signedUpAt, "{date_short}", v.zone)}${e.signedUpBy ? ` (signed up by <@${e.signedUpBy.slackUserId}>)` : ""}`;

export function rosterModal(v: RosterView): ModalView {
  const places = v.group.capacity === null ? `${v.members.length} members` : `${v.members.length} of ${v.group.capacity} places taken`;
  const recorded =
    v.sessionsRecorded === 0
      ? "no attendance recorded yet"
      : `attendance recorded for ${v.sessionsRecorded} ${v.sessionsRecorded === 1 ? "session" : "sessions"}`;
  const blocks: KnownBlock[] = [
    mrkdwnSection(
      `*${escapeMrkdwn(v.group.name)}* · ${escapeMrkdwn(v.group.programmeName)}\n${places} · ${v.waitlist.length} waitlisted · ${recorded}`,
    ),
    {
      type: "actions",
      block_id: ROSTER_ACTIONS_BLOCK,
      elements: [
        { type: "button", text: { type: "plain_text", text: "Export CSV" }, action_id: ROSTER_EXPORT_CSV, value: v.group.id },
        { type: "button", text: { type: "plain_text", text: "Message the group" }, action_id: ROSTER_MESSAGE_GROUP, value: v.group.id },
        { type: "button", text: { type: "plain_text", text: "Manage members" }, action_id: ROSTER_MANAGE_MEMBERS, value: v.group.id },
      ],
    },
  ];
  if (v.exported) blocks.push(contextLine(":white_check_mark: The roster's CSV is in your DM with Convene."));
  const lists = [
    ...packed([
      `*Members (${v.members.length})*`,
      ...(v.members.length ? v.members.map((m) => memberLine(m, v)) : ["_Nobody has signed up yet._"]),
    ]),
    ...(v.waitlist.length
      ? packed([`*Waitlist (${v.waitlist.length}), in the order places are offered*`, ...v.waitlist.map((m, i) => waitLine(m, i, v))])
      : []),
  ];
  blocks.push(...lists.slice(0, MAX_LIST_SECTIONS).map(mrkdwnSection));
  if (lists.length > MAX_LIST_SECTIONS) blocks.push(contextLine("The list goes on: Export CSV has everyone."));
  return modal({ title: ROSTER_TITLE, blocks });
}
