import type { KnownBlock } from "@slack/types";

/** A message as Convene renders it: blocks for Slack clients, text for notifications and screen readers. */
export interface Message {
  text: string;
  blocks: KnownBlock[];
}

/** Escapes the three characters Slack's mrkdwn treats as control characters. */
export const escapeMrkdwn = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** Slack refuses a section over 3,000 characters: a notice that quotes a very long input is cut, not refused. */
const SECTION_MAX = 3000;

export const notice = (text: string): Message => ({
  text,
  blocks: [{ type: "section", text: { type: "mrkdwn", text: text.length <= SECTION_MAX ? text : `${text.slice(0, SECTION_MAX - 1)}…` } }],
});
