/** `/convene my`: the reader's groups, their next sessions and their proposals, each with what to do when empty. Pure. */
import type { KnownBlock } from "@slack/types";
import { sessionBlock, type SessionItem } from "./agenda-items";
import { groupCardBlocks, type GroupCard } from "./group-card";
import { escapeMrkdwn, type Message } from "./message";
import { myProposalsBlocks, type MyProposal } from "./my-proposals";

const MAX_GROUPS = 8;
const MAX_SESSIONS = 5;
const MAX_PROPOSALS = 5;

const section = (text: string): KnownBlock => ({ type: "section", text: { type: "mrkdwn", text } });

export interface MyAttendance {
  groupName: string;
  attended: number;
  recorded: number;
}

export function myMessage(input: {
  groups: readonly GroupCard[];
  sessions: readonly SessionItem[];
  proposals: readonly MyProposal[];
  attendance?: readonly MyAttendance[];
  zone: string;
}): Message {
  const { groups, sessions, proposals, zone } = input;
  const blocks: KnownBlock[] = [{ type: "header", text: { type: "plain_text", text: "Your groups" } }];
  if (groups.length === 0) blocks.push(section("You are not in a group yet. `/convene groups` lists the groups taking sign-ups."));
  for (const g of groups.slice(0, MAX_GROUPS)) blocks.push(...groupCardBlocks(g, { canJoin: false }));

  blocks.push({ type: "header", text: { type: "plain_text", text: "Your next sessions" } });
  if (sessions.length === 0) {
    blocks.push(
      section(
        groups.length
          ? "Nothing scheduled yet for your groups. Sessions show here as soon as they are planned."
          : "Join a group to see its sessions here.",
      ),
    );
  }
  for (const s of sessions.slice(0, MAX_SESSIONS)) blocks.push(sessionBlock(s, zone));

  const attendance = input.attendance ?? [];
  if (attendance.length) {
    blocks.push({ type: "header", text: { type: "plain_text", text: "Your attendance" } });
    blocks.push(
      section(
        attendance
          .slice(0, MAX_GROUPS)
          .map(
            (a) =>
              `*${escapeMrkdwn(a.groupName)}*: you attended ${a.attended} of ${a.recorded} ${a.recorded === 1 ? "session" : "sessions"} with attendance recorded`,
          )
          .join("\n"),
      ),
    );
  }

  blocks.push({ type: "header", text: { type: "plain_text", text: "Your proposals" } });
  if (proposals.length === 0) {
    blocks.push(section("You have not proposed a group. Use *Propose a group* in Convene's Home tab to suggest one you would facilitate."));
  }
  blocks.push(...myProposalsBlocks(proposals.slice(0, MAX_PROPOSALS)));
  blocks.push({ type: "context", elements: [{ type: "mrkdwn", text: "Times are shown in your own time zone." }] });
  return { text: `Your groups: ${groups.length}; next sessions: ${sessions.length}; proposals: ${proposals.length}`, blocks };
}
