/** What staff are told after admin work: programmes listed, a group or session saved, a channel synced, someone made staff. Pure. */
import type { KnownBlock } from "@slack/types";
import { sessionWhen, type SessionItem } from "./agenda-items";
import { codeSpan, escapeMrkdwn, type Message, notice, slackLink } from "./message";

export interface ChannelOutcome {
  groupName: string;
  channelId: string | null;
  channelName: string | null;
  changes: string[];
  warnings: string[];
  problem: string | null;
}

const section = (text: string): KnownBlock => ({
  type: "section",
  text: { type: "mrkdwn", text: text.length <= 3000 ? text : `${text.slice(0, 2999)}…` },
});

/** What happened to a group's channel, in plain words: the problem, or what changed. The admin CLI prints it too. */
export function channelOutcomeText(r: ChannelOutcome): string {
  if (r.problem) return r.problem;
  const done = r.changes.length ? r.changes.join("; ") : r.channelId ? "already up to date" : "no channel (the group has ended)";
  return [done, ...r.warnings].join("; ");
}

/** One line per channel; a problem stands out. */
export function channelOutcomeLine(r: ChannelOutcome): string {
  const where = r.channelId ? `<#${r.channelId}>` : `*${escapeMrkdwn(r.groupName)}*`;
  return `${r.problem ? ":warning:" : ":white_check_mark:"} ${where}: ${escapeMrkdwn(channelOutcomeText(r))}`;
}

export function channelSyncNotice(programmeName: string, results: readonly ChannelOutcome[]): string {
  const problems = results.filter((r) => r.problem).length;
  const head = problems
    ? `*Channels of ${escapeMrkdwn(programmeName)}:* ${problems === 1 ? "1 needs" : `${problems} need`} attention.`
    : `*Channels of ${escapeMrkdwn(programmeName)}* are in step with their groups.`;
  return [head, ...results.map(channelOutcomeLine)].join("\n");
}

export function groupSavedMessage(input: { name: string; created: boolean; channel: ChannelOutcome }): Message {
  const verb = input.created ? "Created" : "Saved";
  return {
    text: `${verb} ${escapeMrkdwn(input.name)}.`,
    blocks: [section(`:white_check_mark: ${verb} *${escapeMrkdwn(input.name)}*.\n${channelOutcomeLine(input.channel)}`)],
  };
}

export function sessionSavedMessage(input: { session: SessionItem; zone: string; outcome: "created" | "changed" | "unchanged" }): Message {
  const { session: s, zone } = input;
  const what = { created: "Scheduled", changed: "Saved the change to", unchanged: "Nothing changed in" }[input.outcome];
  const follow = input.outcome === "changed" ? "\nReminders follow the new time; anyone already reminded is told about the change." : "";
  return {
    text: `${what} ${escapeMrkdwn(s.title)}.`,
    blocks: [
      section(
        `:calendar: ${what} *${escapeMrkdwn(s.title)}* (${escapeMrkdwn(s.groupName ?? s.programmeName)}), ${sessionWhen(s, zone)}.${follow}`,
      ),
    ],
  };
}

export function sessionCancelledMessage(input: { session: SessionItem; zone: string; cancelled: boolean }): Message {
  const { session: s, zone } = input;
  const text = input.cancelled
    ? `:no_entry_sign: Cancelled *${escapeMrkdwn(s.title)}* (${escapeMrkdwn(s.groupName ?? s.programmeName)}), ${sessionWhen(s, zone)}. Anyone already reminded is told.`
    : `*${escapeMrkdwn(s.title)}* (${escapeMrkdwn(s.groupName ?? s.programmeName)}) was already cancelled.`;
  return {
    text: input.cancelled ? `Cancelled ${escapeMrkdwn(s.title)}.` : `${escapeMrkdwn(s.title)} was already cancelled.`,
    blocks: [section(text)],
  };
}

export function staffGrantedMessage(input: { slackUserId: string; granted: boolean }): Message {
  const text = input.granted
    ? `<@${input.slackUserId}> is now coalition staff in Convene.`
    : `<@${input.slackUserId}> is already coalition staff.`;
  return { text, blocks: [section(`:key: ${text}`)] };
}

export function programmesMessage(
  programmes: readonly { slug: string; name: string; status: "ACTIVE" | "ARCHIVED"; groupCount: number; feedUrl: string }[],
): Message {
  if (programmes.length === 0) {
    const text = "No programme yet. Import one from a programme file: `npm run convene -- import FILE` (see `examples/`).";
    return { text, blocks: [section(text)] };
  }
  const lines = programmes.map(
    (p) =>
      `*${escapeMrkdwn(p.name)}* (\`${p.slug}\`) · ${p.groupCount === 1 ? "1 group" : `${p.groupCount} groups`}${p.status === "ARCHIVED" ? " · archived" : ""}\nCalendar: ${slackLink(p.feedUrl)}`,
  );
  return {
    text: `Programmes: ${programmes.length}`,
    blocks: [
      { type: "header", text: { type: "plain_text", text: "Programmes" } },
      ...lines.slice(0, 40).map(section),
      {
        type: "context",
        elements: [
          {
            type: "mrkdwn",
            text: "`/convene admin` syncs their channels; a programme file changes them: `npm run convene -- import FILE`.",
          },
        ],
      },
    ],
  };
}

const ADMIN_USAGE = [
  "`/convene admin`  the admin menu: programmes, groups, sessions, staff",
  "`/convene admin programmes`  every programme and its calendar feed",
  "`/convene admin group new`  create a group",
  "`/convene admin group edit &lt;name&gt;`  edit a group (renaming or ending it follows through in its channel)",
  "`/convene admin session new [group]`  schedule a session",
  "`/convene admin session edit &lt;group&gt; &lt;YYYY-MM-DD&gt;`  move or edit a session",
  "`/convene admin session cancel &lt;group&gt; &lt;YYYY-MM-DD&gt;`  cancel a session",
  "`/convene admin staff @person`  make someone coalition staff",
  "`/convene admin announcements &lt;programme&gt; #channel` (or `create &lt;name&gt;`)  where deadline and programme-wide reminders are posted",
].join("\n");

export function adminUsageMessage(typed: string): Message {
  return {
    text: `/convene admin has no "${escapeMrkdwn(typed)}".`,
    blocks: [section(`:thinking_face: \`/convene admin\` has no ${codeSpan(typed)}. It can do:\n${ADMIN_USAGE}`)],
  };
}

/** Staff reset a programme's or group's feed: its new address, and that the old one is dead. */
export function feedResetMessage(feed: { name: string; url: string }): Message {
  return notice(
    `The calendar feed of *${escapeMrkdwn(feed.name)}* has a new address: ${slackLink(feed.url)}\nThe old address no longer works; people who subscribed need the new one.`,
  );
}

/** To each staff member, when Slack refused a post meant for staff (`outbox/refused-posts.ts`): they would not see it otherwise. */
export function staffPostRefusedMessage(p: { about: string; where: string; error: string; next: string }): Message {
  return {
    text: `Convene could not post ${p.about}: Slack refused it.`,
    blocks: [section(`:warning: Slack refused ${p.about} in ${p.where}: ${codeSpan(p.error)}. ${p.next}`)],
  };
}
