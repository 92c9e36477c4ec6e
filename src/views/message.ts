import type { KnownBlock } from "@slack/types";

/** A message as Convene renders it: blocks for Slack clients, text for notifications and screen readers. */
export interface Message {
  text: string;
  blocks: KnownBlock[];
}

/** Escapes the three characters Slack's mrkdwn treats as control characters. */
export const escapeMrkdwn = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

export const notice = (text: string): Message => ({
  text,
  blocks: [{ type: "section", text: { type: "mrkdwn", text } }],
});
