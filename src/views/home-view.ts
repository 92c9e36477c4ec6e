/**
 * Convene's Home tab for one person: what is coming up (in their zone), their groups, groups
 * they could join, proposing a group, their proposals, their reminder settings, and for staff
 * the work waiting for them. Stays within Slack's 100 blocks however much there is. Pure.
 */
import type { ActionsBlock, Button, HomeView, KnownBlock } from "@slack/types";
import { ACTIONS } from "./actions";
import { deadlineText, sessionBlock, type DeadlineItem, type SessionItem } from "./agenda-items";
import { groupCardBlocks, type GroupCard } from "./group-card";
import { NOT_A_MEMBER_NOTE } from "./groups-message";
import { escapeMrkdwn, slackLink } from "./message";
import { myProposalsBlocks, type MyProposal } from "./my-proposals";
import { slackDate } from "./slack-date";

export const HOME_OPEN_ADMIN = "home_open_admin";
/** Opens the roster of the group in its value (a facilitator's groups). */
export const HOME_ROSTER = "home_roster";
/** Reminder settings; each button's value says what to set. */
export const HOME_DM_REMINDERS = "home_dm_reminders"; // "on" | "off"
export const HOME_SNOOZE = "home_snooze"; // "week" | "resume"
export const HOME_REMINDERS = "home_reminders"; // "off" | "on"
export const HOME_RESET_FEED = "home_reset_feed";

export interface ReminderSettings {
  dmReminders: boolean;
  remindersOff: boolean;
  remindersSnoozedTill: Date | null;
}

export interface PendingWork {
  proposals: number;
  submissions: number;
  failedDeliveries: number;
}

export interface HomeInput {
  name: string;
  /** The reader's zone, for the fallback text of date tokens. */
  zone: string;
  now: Date;
  canJoin: boolean;
  /** The reader's next sessions: their groups', or everyone's when they have none. */
  sessions: readonly SessionItem[];
  deadlines: readonly DeadlineItem[];
  myGroups: readonly GroupCard[];
  /** Groups taking sign-ups that the reader is not in. */
  openGroups: readonly GroupCard[];
  /** Some groups' sign-up window has closed: said when no group is open to join. */
  signupsClosed?: boolean;
  proposals: readonly MyProposal[];
  reminders: ReminderSettings;
  /** The person's own calendar feed (their groups' sessions with meeting links, and deadlines). */
  feedUrl: string;
  /** Set for staff only. */
  pending: PendingWork | null;
  /** The groups the reader facilitates, in short. */
  rosters: readonly RosterSummary[];
}

export interface RosterSummary {
  groupId: string;
  name: string;
  capacity: number | null;
  members: number;
  waitlisted: number;
}

const LIMITS = { sessions: 5, deadlines: 3, myGroups: 8, openGroups: 10, proposals: 5 };

const header = (text: string): KnownBlock => ({ type: "header", text: { type: "plain_text", text, emoji: true } });
const section = (text: string): KnownBlock => ({ type: "section", text: { type: "mrkdwn", text } });
const context = (text: string): KnownBlock => ({ type: "context", elements: [{ type: "mrkdwn", text }] });
const button = (text: string, actionId: string, value: string, extra: Partial<Button> = {}): Button => ({
  type: "button",
  text: { type: "plain_text", text, emoji: true },
  action_id: actionId,
  value,
  ...extra,
});
const more = (shown: number, total: number, where: string) => (total > shown ? [context(`…and ${total - shown} more: ${where}`)] : []);
const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

function staffBlocks(pending: PendingWork): KnownBlock[] {
  const items = [
    pending.proposals ? plural(pending.proposals, "proposal to review", "proposals to review") : null,
    pending.submissions ? plural(pending.submissions, "submission to decide", "submissions to decide") : null,
    pending.failedDeliveries ? plural(pending.failedDeliveries, "message Convene could not send", "messages Convene could not send") : null,
  ].filter((s): s is string => s !== null);
  const text = items.length ? `*Waiting for you:* ${items.join(" · ")}` : "*Nothing is waiting for you.* :tada:";
  return [
    header("For coalition staff"),
    { type: "section", text: { type: "mrkdwn", text }, accessory: button("Open admin", HOME_OPEN_ADMIN, "open") },
  ];
}

function comingUp(input: HomeInput): KnownBlock[] {
  const blocks: KnownBlock[] = [header("Coming up")];
  const sessions = input.sessions.slice(0, LIMITS.sessions);
  if (sessions.length === 0) {
    blocks.push(
      section(input.myGroups.length ? "No sessions are scheduled for your groups yet." : "Join a group to see its sessions here."),
    );
  } else if (input.myGroups.length === 0) blocks.push(context("Sessions for everyone. Join a group to see its own sessions here too."));
  for (const s of sessions) blocks.push(sessionBlock(s, input.zone));
  blocks.push(...more(sessions.length, input.sessions.length, "`/convene sessions` lists them all."));
  const deadlines = input.deadlines.slice(0, LIMITS.deadlines);
  if (deadlines.length) blocks.push(section(deadlines.map((d) => deadlineText(d, input.zone)).join("\n\n")));
  blocks.push(context("Times are shown in your own time zone."));
  return blocks;
}

function groupsBlocks(input: HomeInput): KnownBlock[] {
  const blocks: KnownBlock[] = [header("Your groups")];
  if (input.myGroups.length === 0) blocks.push(section("You are not in a group yet: join one below, or propose your own."));
  for (const g of input.myGroups.slice(0, LIMITS.myGroups)) blocks.push(...groupCardBlocks(g, { canJoin: false }));
  blocks.push(...more(Math.min(input.myGroups.length, LIMITS.myGroups), input.myGroups.length, "`/convene my` lists them all."));

  blocks.push(header("Open groups to join"));
  if (input.openGroups.length === 0) {
    blocks.push(
      section(
        input.signupsClosed
          ? "Sign-ups are closed: no group is taking new members right now."
          : "No other group is taking sign-ups right now.",
      ),
    );
  }
  for (const g of input.openGroups.slice(0, LIMITS.openGroups)) blocks.push(...groupCardBlocks(g, { canJoin: input.canJoin }));
  blocks.push(...more(Math.min(input.openGroups.length, LIMITS.openGroups), input.openGroups.length, "`/convene groups` lists them all."));
  if (!input.canJoin && input.openGroups.length) blocks.push(context(NOT_A_MEMBER_NOTE));
  return blocks;
}

const LIMIT_ROSTERS = 5;

function rosterBlocks(input: HomeInput): KnownBlock[] {
  if (input.rosters.length === 0) return [];
  const shown = input.rosters.slice(0, LIMIT_ROSTERS).map(
    (r): KnownBlock => ({
      type: "section",
      text: {
        type: "mrkdwn",
        text: `*${escapeMrkdwn(r.name)}*\n${r.capacity === null ? plural(r.members, "member", "members") : `${r.members} of ${r.capacity} places taken`} · ${r.waitlisted} waitlisted`,
      },
      accessory: button("Roster", HOME_ROSTER, r.groupId),
    }),
  );
  return [
    header("Groups you facilitate"),
    ...shown,
    ...more(shown.length, input.rosters.length, "`/convene roster &lt;group&gt;` shows any of them."),
  ];
}

function proposalBlocks(input: HomeInput): KnownBlock[] {
  return [
    header("Propose a group"),
    {
      type: "section",
      text: { type: "mrkdwn", text: "Have an idea for a group you would facilitate? Propose it: coalition staff review every proposal." },
      accessory: button("Propose a group", ACTIONS.proposeGroup, "propose", { style: "primary" }),
    },
    ...(input.proposals.length ? [section("*Your proposals*"), ...myProposalsBlocks(input.proposals.slice(0, LIMITS.proposals))] : []),
  ];
}

function reminderBlocks({ reminders: r, now, zone }: HomeInput): KnownBlock[] {
  const snoozed = r.remindersSnoozedTill && r.remindersSnoozedTill > now ? r.remindersSnoozedTill : null;
  const state = r.remindersOff
    ? ":no_bell: Your direct-message reminders are off. Your groups' channels still get theirs."
    : snoozed
      ? `:zzz: Your direct-message reminders are snoozed until ${slackDate(snoozed, "{date_short_pretty} at {time}", zone)}.`
      : `:bell: Reminders for your groups are posted in their channels.${r.dmReminders ? " You also get them as direct messages." : " You can get them as direct messages too."}`;
  const actions: ActionsBlock = {
    type: "actions",
    block_id: "home_reminders",
    elements: [
      r.dmReminders ? button("Stop direct messages", HOME_DM_REMINDERS, "off") : button("Send me direct messages", HOME_DM_REMINDERS, "on"),
      snoozed ? button("Resume reminders", HOME_SNOOZE, "resume") : button("Snooze for a week", HOME_SNOOZE, "week"),
      r.remindersOff
        ? button("Turn reminders back on", HOME_REMINDERS, "on", { style: "primary" })
        : button("Turn reminders off", HOME_REMINDERS, "off", {
            style: "danger",
            confirm: {
              title: { type: "plain_text", text: "Turn reminders off?" },
              text: {
                type: "plain_text",
                text: "You will get no direct messages before sessions or deadlines. Your groups' channels still get theirs.",
              },
              confirm: { type: "plain_text", text: "Turn off" },
              deny: { type: "plain_text", text: "Keep them" },
            },
          }),
    ],
  };
  return [header("Reminders"), section(state), actions];
}

function calendarBlocks(url: string): KnownBlock[] {
  return [
    header("Your calendar"),
    {
      type: "section",
      text: {
        type: "mrkdwn",
        text: `:calendar: Your own feed has your groups' sessions with their meeting links, and your programmes' sessions and deadlines. Subscribe to it by URL in Google Calendar or Outlook: ${slackLink(url)}\nIt is yours alone: anyone with the link sees your sessions. If it went somewhere it should not, reset it.`,
      },
      accessory: button("Reset my calendar link", HOME_RESET_FEED, "reset", {
        confirm: {
          title: { type: "plain_text", text: "Reset your calendar link?" },
          text: { type: "plain_text", text: "The old link stops working at once. Subscribe again with the new one." },
          confirm: { type: "plain_text", text: "Reset" },
          deny: { type: "plain_text", text: "Keep it" },
        },
      }),
    },
  ];
}

export function homeView(input: HomeInput): HomeView {
  const blocks: KnownBlock[] = [section(`:wave: Hello, ${escapeMrkdwn(input.name)}.`)];
  if (input.pending) blocks.push(...staffBlocks(input.pending));
  blocks.push(...comingUp(input), ...rosterBlocks(input), ...groupsBlocks(input), ...proposalBlocks(input), ...reminderBlocks(input));
  blocks.push(...calendarBlocks(input.feedUrl));
  return { type: "home", blocks };
}
