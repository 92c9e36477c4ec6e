/** `/convene deadlines`: what falls due next (proposals, sign-ups, ...), in the reader's zone. Pure. */
import type { KnownBlock } from "@slack/types";
import { deadlineText, type DeadlineItem } from "./agenda-items";
import { escapeMrkdwn, type Message } from "./message";

const MAX_DEADLINES = 20;

export function deadlinesMessage(input: { deadlines: readonly DeadlineItem[]; zone: string }): Message {
  if (input.deadlines.length === 0) {
    const text = "Nothing is due right now. New deadlines (proposals, sign-ups) show here and in the announcements channel.";
    return { text, blocks: [{ type: "section", text: { type: "mrkdwn", text: `:white_check_mark: ${text}` } }] };
  }
  const blocks: KnownBlock[] = [{ type: "header", text: { type: "plain_text", text: "Coming deadlines" } }];
  for (const d of input.deadlines.slice(0, MAX_DEADLINES)) {
    const detail = d.description ? `\n${escapeMrkdwn(d.description.length > 300 ? `${d.description.slice(0, 299)}…` : d.description)}` : "";
    blocks.push({ type: "section", text: { type: "mrkdwn", text: `${deadlineText(d, input.zone)}${detail}` } });
  }
  blocks.push({ type: "context", elements: [{ type: "mrkdwn", text: "Times are shown in your own time zone." }] });
  return { text: `Coming deadlines: ${input.deadlines.length}`, blocks };
}
