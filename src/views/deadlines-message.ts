/** `/convene deadlines`: what falls due next (proposals, sign-ups, ...), in the reader's zone. Pure. */
import type { KnownBlock } from "@slack/types";
import { deadlineText, type DeadlineItem } from "./agenda-items";
import { escapeMrkdwn, type Message } from "./message";

const MAX_DEADLINES = 20;

/** Where reminders before deadlines are posted: each active programme's announcements channel. */
export interface AnnouncementChannel {
  programmeName: string;
  channelId: string;
}

const channelList = (channels: readonly AnnouncementChannel[]) =>
  channels.length === 1
    ? `<#${channels[0]!.channelId}>`
    : channels.map((c) => `<#${c.channelId}> (${escapeMrkdwn(c.programmeName)})`).join(", ");

export function deadlinesMessage(input: {
  deadlines: readonly DeadlineItem[];
  zone: string;
  channels: readonly AnnouncementChannel[];
}): Message {
  if (input.deadlines.length === 0) {
    const where = input.channels.length ? ` and in ${channelList(input.channels)}` : "";
    const text = `Nothing is due right now. New deadlines (proposals, sign-ups) show here${where}.`;
    return { text, blocks: [{ type: "section", text: { type: "mrkdwn", text: `:white_check_mark: ${text}` } }] };
  }
  const blocks: KnownBlock[] = [{ type: "header", text: { type: "plain_text", text: "Coming deadlines" } }];
  for (const d of input.deadlines.slice(0, MAX_DEADLINES)) {
    const detail = d.description ? `\n${escapeMrkdwn(d.description.length > 300 ? `${d.description.slice(0, 299)}…` : d.description)}` : "";
    blocks.push({ type: "section", text: { type: "mrkdwn", text: `${deadlineText(d, input.zone)}${detail}` } });
  }
  const reminded = input.channels.length ? ` Convene posts a reminder before each one in ${channelList(input.channels)}.` : "";
  blocks.push({ type: "context", elements: [{ type: "mrkdwn", text: `Times are shown in your own time zone.${reminded}` }] });
  return { text: `Coming deadlines: ${input.deadlines.length}`, blocks };
}
