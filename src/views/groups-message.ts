/** `/convene groups`: groups taking sign-ups first, then those meeting now, each with Join and Details. Pure. */
import type { KnownBlock } from "@slack/types";
import type { GroupSignupStatus } from "../domain/group-status";
import { groupCardBlocks, type GroupCard } from "./group-card";
import type { Message } from "./message";

/** 2 blocks per card, within a message's 50 with room for the header and notes. */
const MAX_CARDS = 20;

const ORDER: Record<GroupSignupStatus["kind"], number> = { open: 0, full: 0, not_open_yet: 1, closed: 2, running: 3, ended: 4 };

export const NOT_A_MEMBER_NOTE =
  "Joining is for people from member organizations. If yours is a member, ask coalition staff to add your email's domain or vouch for you.";

export function groupsMessage(input: { groups: readonly GroupCard[]; canJoin: boolean; isStaff: boolean }): Message {
  const current = input.groups
    .filter((g) => g.signup.kind !== "ended")
    .sort((a, b) => ORDER[a.signup.kind] - ORDER[b.signup.kind] || a.name.localeCompare(b.name));
  if (current.length === 0) {
    const next = input.isStaff
      ? "Import a programme file with `npm run convene -- import FILE`, or create a group with `/convene admin group new`."
      : "Propose one with the *Propose a group* button in Convene's Home tab, or check back when sign-ups open.";
    const text = `There are no groups running right now. ${next}`;
    return { text, blocks: [{ type: "section", text: { type: "mrkdwn", text: `:seedling: ${text}` } }] };
  }
  const count = (...kinds: GroupSignupStatus["kind"][]) => current.filter((g) => kinds.includes(g.signup.kind)).length;
  const open = count("open", "full");
  const summary = [
    `${open} taking sign-ups`,
    ...(count("not_open_yet") ? [`${count("not_open_yet")} opening later`] : []),
    ...(count("closed") ? [`${count("closed")} with sign-ups closed`] : []),
    `${count("running")} meeting now`,
  ].join(", ");
  const blocks: KnownBlock[] = [
    { type: "header", text: { type: "plain_text", text: "Groups", emoji: true } },
    { type: "context", elements: [{ type: "mrkdwn", text: `${summary}. \`/convene group &lt;name&gt;\` shows one in full.` }] },
  ];
  for (const g of current.slice(0, MAX_CARDS)) blocks.push(...groupCardBlocks(g, { canJoin: input.canJoin }));
  const notes: string[] = [];
  if (current.length > MAX_CARDS) notes.push(`…and ${current.length - MAX_CARDS} more: \`/convene group &lt;name&gt;\` finds any of them.`);
  if (!input.canJoin && open > 0) notes.push(NOT_A_MEMBER_NOTE);
  if (notes.length) blocks.push({ type: "context", elements: notes.map((text) => ({ type: "mrkdwn" as const, text })) });
  return { text: `Groups: ${summary}`, blocks };
}
