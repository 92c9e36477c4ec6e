/**
 * Staff's view of Convene's outbox: what goes out in the next days, and what it gave up sending,
 * each failure with a Retry button. Stays well within Slack's block limits however long the
 * queue is: the rest is counted, not listed. Pure.
 */
import type { KnownBlock, ModalView } from "@slack/types";
import { describeOffset } from "../domain/reminder-rules";
import { codeSpan, escapeMrkdwn } from "./message";
import { contextLine, modal, mrkdwnSection, plain } from "./modal-kit";
import { slackDate } from "./slack-date";

export const QUEUE_TITLE = "Reminder queue";
/** Each Retry button's action id is `reminder_queue_retry:<delivery id>` (unique per block); its value is the delivery id. */
export const QUEUE_RETRY = "reminder_queue_retry";
export const QUEUE_RETRY_PATTERN = /^reminder_queue_retry:/;
/** How many of each list the modal shows; the service reads no more. */
export const QUEUE_LIMITS = { upcoming: 30, failed: 10 } as const;
const LINES_PER_SECTION = 10;

export interface QueueEntry {
  id: string;
  kind: string;
  /** The session's or deadline's title. */
  subject: string | null;
  /** A channel id, or a user id for a DM not yet opened. */
  channelId: string | null;
  dueAt: Date;
  /** For a reminder: how long before the session or deadline. */
  offsetMinutes: number | null;
  attempts: number;
  lastError: string | null;
}

export interface QueueView {
  /** The reader's zone, for the fallback text of date tokens. */
  zone: string;
  upcoming: { items: readonly QueueEntry[]; total: number; days: number };
  failed: { items: readonly QueueEntry[]; total: number; days: number };
  /** Reminders due in the upcoming days that cannot be posted, each with the reason in `lastError`. */
  blocked?: readonly QueueEntry[];
  /** The outcome of the reader's last action, shown on top. */
  notice?: string;
}

const KIND_LABELS: Record<string, string> = {
  reminder: "Reminder",
  deadline_reminder: "Deadline reminder",
  change_notice: "Change notice",
  cancellation: "Cancellation notice",
  attendance_prompt: "Attendance prompt",
  dm: "Direct message",
  invite: "Channel invite",
  kick: "Removal from a channel",
};

export function whatOf(e: Pick<QueueEntry, "kind" | "offsetMinutes">): string {
  const label = KIND_LABELS[e.kind] ?? `${e.kind.charAt(0).toUpperCase()}${e.kind.slice(1).replace(/_/g, " ")}`;
  return e.offsetMinutes !== null ? `${label}, ${describeOffset(e.offsetMinutes)} before` : label;
}

export function whereOf(channelId: string | null): string {
  if (!channelId) return "no channel";
  if (/^[UW]/.test(channelId)) return `DM to <@${channelId}>`;
  if (/^D/.test(channelId)) return "a DM";
  return `<#${channelId}>`;
}

const when = (at: Date, zone: string) => slackDate(at, "{date_short_pretty} at {time}", zone);
const subjectOf = (e: QueueEntry) => (e.subject ? `*${escapeMrkdwn(e.subject)}*` : null);
const more = (shown: number, total: number, what: string) => (total > shown ? [contextLine(`…and ${total - shown} more ${what}.`)] : []);

function upcomingBlocks(q: QueueView): KnownBlock[] {
  const items = q.upcoming.items.slice(0, QUEUE_LIMITS.upcoming);
  const blocks: KnownBlock[] = [{ type: "header", text: plain(`Next ${q.upcoming.days} days`, 150) }];
  if (items.length === 0) return [...blocks, mrkdwnSection(`Nothing is due in the next ${q.upcoming.days} days.`)];
  const lines = items.map(
    (e) => `• ${when(e.dueAt, q.zone)} · ${[subjectOf(e), whatOf(e), whereOf(e.channelId)].filter(Boolean).join(" · ")}`,
  );
  for (let i = 0; i < lines.length; i += LINES_PER_SECTION) blocks.push(mrkdwnSection(lines.slice(i, i + LINES_PER_SECTION).join("\n")));
  return [...blocks, ...more(items.length, q.upcoming.total, "due in that time")];
}

function blockedBlocks(q: QueueView): KnownBlock[] {
  const items = (q.blocked ?? []).slice(0, QUEUE_LIMITS.failed);
  if (items.length === 0) return [];
  const lines = items.map(
    (e) =>
      `• ${when(e.dueAt, q.zone)} · ${[subjectOf(e), whatOf(e)].filter(Boolean).join(" · ")}\n   _Blocked: ${escapeMrkdwn(e.lastError ?? "")}_`,
  );
  return [
    { type: "header", text: plain("Blocked", 150) },
    ...Array.from({ length: Math.ceil(lines.length / LINES_PER_SECTION) }, (_, i) =>
      mrkdwnSection(lines.slice(i * LINES_PER_SECTION, (i + 1) * LINES_PER_SECTION).join("\n")),
    ),
    ...more(items.length, q.blocked!.length, "blocked"),
  ];
}

function failedBlock(e: QueueEntry, zone: string): KnownBlock {
  const error = e.lastError ? ` · ${codeSpan(e.lastError.slice(0, 300))}` : "";
  const tries = `${e.attempts} ${e.attempts === 1 ? "try" : "tries"}`;
  return {
    type: "section",
    text: {
      type: "mrkdwn",
      text: `${[subjectOf(e), whatOf(e), whereOf(e.channelId)].filter(Boolean).join(" · ")}\nDue ${when(e.dueAt, zone)} · ${tries}${error}`,
    },
    accessory: { type: "button", text: plain("Retry", 75), action_id: `${QUEUE_RETRY}:${e.id}`, value: e.id },
  };
}

function failedBlocks(q: QueueView): KnownBlock[] {
  const items = q.failed.items.slice(0, QUEUE_LIMITS.failed);
  const blocks: KnownBlock[] = [{ type: "header", text: plain(`Failed in the last ${q.failed.days} days`, 150) }];
  if (items.length === 0) return [...blocks, mrkdwnSection("Nothing failed. :tada:")];
  return [
    ...blocks,
    contextLine(
      "Retry puts a message back in the queue: Convene sends it within a minute, unless it is no longer useful (the session started, or a later reminder went out).",
    ),
    ...items.map((e) => failedBlock(e, q.zone)),
    ...more(items.length, q.failed.total, "failed in that time"),
  ];
}

export function reminderQueueModal(q: QueueView): ModalView {
  return modal({
    title: QUEUE_TITLE,
    blocks: [
      ...(q.notice ? [mrkdwnSection(q.notice)] : []),
      ...upcomingBlocks(q),
      ...blockedBlocks(q),
      { type: "divider" },
      ...failedBlocks(q),
      contextLine("Change when reminders go out with `/convene reminders rules [programme] [group]`."),
    ],
  });
}

/** What the reader is told after clicking Retry. */
export const retriedNotice = (retried: boolean) =>
  retried
    ? ":arrows_counterclockwise: Back in the queue: Convene sends it within a minute."
    : ":information_source: That message was no longer failed: someone retried it already.";
