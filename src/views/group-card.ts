/** A group as lists show it (command replies, App Home): name, status, facilitators, Join and Details. Pure. */
import type { ActionsBlock, Button, KnownBlock } from "@slack/types";
import type { GroupCard } from "../domain/group-card";
import { takesSignups } from "../domain/group-status";
import { ACTIONS } from "./actions";
import { escapeMrkdwn } from "./message";
import { slackDate } from "./slack-date";

export type { GroupCard };

const clip = (s: string, max: number) => (s.length <= max ? s : `${s.slice(0, max - 1)}…`);

export function seatsText(g: Pick<GroupCard, "signup" | "programmeTimezone">): string {
  const s = g.signup;
  switch (s.kind) {
    case "ended":
      return "Ended";
    case "running":
      return "Meeting now, not taking sign-ups";
    case "not_open_yet":
      return `Sign-ups open ${slackDate(s.opensAt, "{date_long_pretty}", g.programmeTimezone)}`;
    case "closed":
      return "Sign-ups closed";
    case "full":
      return `Full · waitlist (${s.capacity} places)`;
    case "open":
      return s.capacity === null ? `Open · ${s.joined} joined` : `Open · ${s.capacity - s.joined} of ${s.capacity} places left`;
  }
}

export const facilitatorsText = (g: Pick<GroupCard, "facilitators">) =>
  g.facilitators.length === 0
    ? "to be announced"
    : g.facilitators.map((f) => (f.slackUserId ? `<@${f.slackUserId}>` : escapeMrkdwn(f.name))).join(", ");

export const channelText = (g: Pick<GroupCard, "channelId">) => (g.channelId ? `<#${g.channelId}>` : "no channel yet");

const button = (text: string, actionId: string, value: string, style?: "primary"): Button => ({
  type: "button",
  text: { type: "plain_text", text, emoji: true },
  action_id: actionId,
  value,
  ...(style && { style }),
});

/** Join (open groups the reader may join and is not in) and Details; the block id tells cards apart. */
export function groupActions(g: GroupCard, opts: { canJoin: boolean }): ActionsBlock {
  const elements: Button[] = [];
  if (takesSignups(g.signup) && opts.canJoin && !g.isMine) elements.push(button("Join", ACTIONS.joinGroup, g.id, "primary"));
  elements.push(button("Details", ACTIONS.groupDetails, g.id));
  return { type: "actions", block_id: `group_card_${g.id}`, elements };
}

/** Two blocks: the summary, then the buttons. */
export function groupCardBlocks(g: GroupCard, opts: { canJoin: boolean }): KnownBlock[] {
  const mine = g.isMine ? "  :white_check_mark: _You're in this group_" : "";
  const text = [
    `*${escapeMrkdwn(g.name)}*${mine}`,
    `${seatsText(g)} · ${escapeMrkdwn(g.programmeName)}`,
    g.description ? escapeMrkdwn(clip(g.description, 280)) : null,
    `Facilitated by ${facilitatorsText(g)}`,
  ]
    .filter((line): line is string => line !== null)
    .join("\n");
  return [{ type: "section", text: { type: "mrkdwn", text } }, groupActions(g, opts)];
}
