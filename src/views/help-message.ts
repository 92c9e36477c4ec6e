import type { KnownBlock } from "@slack/types";
import { codeSpan, escapeMrkdwn, type Message } from "./message";

export interface HelpEntry {
  usage: string;
  summary: string;
  staffOnly: boolean;
}

export interface HelpInput {
  command: string; // "/convene"
  entries: HelpEntry[]; // already filtered to what the reader may use
  isStaff: boolean;
  /** Set when the reader typed a subcommand that does not exist. */
  unknown?: { typed: string; suggestion?: string };
}

const line = (command: string, e: HelpEntry) => `${codeSpan(`${command} ${e.usage}`)}  ${escapeMrkdwn(e.summary)}`;

const TYPED_SHOWN = 60;

export function helpMessage({ command, entries, isStaff, unknown }: HelpInput): Message {
  const blocks: KnownBlock[] = [];
  let text = `Commands you can use with ${command}`;
  if (unknown) {
    // Quoted back short: a pasted paragraph must not make the reply one Slack refuses.
    const word = unknown.typed.length <= TYPED_SHOWN ? unknown.typed : `${unknown.typed.slice(0, TYPED_SHOWN - 1)}…`;
    const hint = unknown.suggestion ? `Did you mean \`${command} ${unknown.suggestion}\`?` : "Here is what it can do.";
    text =
      `${command} has no "${escapeMrkdwn(word)}" command. ${unknown.suggestion ? `Did you mean ${command} ${unknown.suggestion}?` : ""}`.trim();
    blocks.push({
      type: "section",
      text: { type: "mrkdwn", text: `:thinking_face: \`${command}\` has no ${codeSpan(word)} command. ${hint}` },
    });
  }
  blocks.push({ type: "header", text: { type: "plain_text", text: "Convene commands" } });
  const everyone = entries.filter((e) => !e.staffOnly);
  const staff = entries.filter((e) => e.staffOnly);
  blocks.push({ type: "section", text: { type: "mrkdwn", text: everyone.map((e) => line(command, e)).join("\n") } });
  if (isStaff && staff.length > 0) {
    blocks.push({
      type: "section",
      text: { type: "mrkdwn", text: `*For coalition staff*\n${staff.map((e) => line(command, e)).join("\n")}` },
    });
  }
  blocks.push({
    type: "context",
    elements: [{ type: "mrkdwn", text: "Only you can see this. Open Convene's *Home* tab for what is coming up." }],
  });
  return { text, blocks };
}
