/** `/convene topics`: the priority issues members suggested, most upvoted first, each with its Upvote button. Pure. */
import type { KnownBlock } from "@slack/types";
import { escapeMrkdwn, type Message } from "./message";
import { contextLine, mrkdwnSection, plain } from "./modal-kit";

/** Each topic's button has its own action id (`topic_upvote:<id>`), as Slack asks of ids within a message. */
export const TOPIC_UPVOTE = "topic_upvote";
export const TOPIC_UPVOTE_PATTERN = /^topic_upvote:/;

export interface TopicLine {
  id: string;
  title: string;
  details: string | null;
  votes: number;
  /** The reader upvoted it. */
  mine: boolean;
}

const MAX_DETAILS = 300;
const clip = (s: string) => (s.length <= MAX_DETAILS ? s : `${s.slice(0, MAX_DETAILS - 1)}…`);

export function topicsMessage(topics: readonly TopicLine[], opts: { canVote: boolean; total: number }): Message {
  const footer = contextLine("Suggest one with `/convene submit topic`.");
  if (topics.length === 0)
    return { text: "No topics have been suggested yet.", blocks: [mrkdwnSection(":bulb: No topics have been suggested yet."), footer] };
  const blocks: KnownBlock[] = [{ type: "header", text: plain("Suggested topics", 150) }];
  for (const t of topics) {
    const count = `${t.votes} upvote${t.votes === 1 ? "" : "s"}`;
    blocks.push({
      type: "section",
      text: { type: "mrkdwn", text: `*${escapeMrkdwn(t.title)}*  ·  ${count}${t.details ? `\n${escapeMrkdwn(clip(t.details))}` : ""}` },
      ...(opts.canVote
        ? {
            accessory: {
              type: "button" as const,
              action_id: `${TOPIC_UPVOTE}:${t.id}`,
              value: t.id,
              text: plain(t.mine ? "Upvoted ✓" : "Upvote", 75),
              ...(t.mine ? {} : { style: "primary" as const }),
            },
          }
        : {}),
    });
  }
  if (opts.total > topics.length) blocks.push(contextLine(`Showing the top ${topics.length} of ${opts.total}.`));
  if (!opts.canVote) blocks.push(contextLine("Members of the coalition's organizations can upvote."));
  blocks.push(footer);
  return { text: `${opts.total} suggested topic${opts.total === 1 ? "" : "s"}`, blocks };
}
