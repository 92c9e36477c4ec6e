/**
 * One group in full (`/convene group <name>`, and the Details button): description, facilitators,
 * places, channel, topics, next sessions and the group's calendar feed. A message, or the same
 * blocks in a modal when Details is clicked in the Home tab. Pure.
 */
import type { Button, KnownBlock, ModalView } from "@slack/types";
import { ACTIONS } from "./actions";
import { sessionBlock, type SessionItem } from "./agenda-items";
import { takesSignups } from "../domain/group-status";
import { channelText, facilitatorsText, seatsText, type GroupCard } from "./group-card";
import { codeSpan, escapeMrkdwn, slackLink, type Message } from "./message";

export interface GroupDetails extends GroupCard {
  topics: string[];
  /** Upcoming, soonest first. */
  nextSessions: SessionItem[];
  /** The group's iCalendar feed. */
  feedUrl: string;
}

export interface GroupDetailsOptions {
  /** The reader's zone, for the fallback text of date tokens. */
  zone: string;
  canJoin: boolean;
  /** What the reader typed, when the group was found by tolerating a typo. */
  guessedFrom?: string;
}

const clip = (s: string, max: number) => (s.length <= max ? s : `${s.slice(0, max - 1)}…`);
const NEXT_SESSIONS = 3;
/** Quoted back short: a pasted paragraph must not make the reply one Slack refuses. */
const TYPED_SHOWN = 60;

export function groupDetailsBlocks(d: GroupDetails, opts: GroupDetailsOptions): KnownBlock[] {
  const blocks: KnownBlock[] = [{ type: "header", text: { type: "plain_text", text: clip(d.name, 150), emoji: true } }];
  if (opts.guessedFrom) {
    blocks.push({
      type: "context",
      elements: [{ type: "mrkdwn", text: `Closest match for “${escapeMrkdwn(clip(opts.guessedFrom, TYPED_SHOWN))}”.` }],
    });
  }
  if (d.description) blocks.push({ type: "section", text: { type: "mrkdwn", text: escapeMrkdwn(clip(d.description, 2900)) } });
  blocks.push({
    type: "section",
    fields: [
      { type: "mrkdwn", text: `*Facilitators*\n${facilitatorsText(d)}` },
      { type: "mrkdwn", text: `*Places*\n${seatsText(d)}${d.isMine ? "\n:white_check_mark: You're in this group" : ""}` },
      { type: "mrkdwn", text: `*Channel*\n${channelText(d)}` },
      { type: "mrkdwn", text: `*Programme*\n${escapeMrkdwn(d.programmeName)}` },
      ...(d.topics.length ? [{ type: "mrkdwn" as const, text: `*Topics*\n${escapeMrkdwn(clip(d.topics.join(", "), 1900))}` }] : []),
    ],
  });
  const upcoming = d.nextSessions.slice(0, NEXT_SESSIONS);
  blocks.push({
    type: "section",
    text: {
      type: "mrkdwn",
      text: upcoming.length ? "*Next sessions*" : "*Next sessions*\nNone scheduled yet: they will show here and in the group's channel.",
    },
  });
  for (const s of upcoming) blocks.push(sessionBlock(s, opts.zone, { showGroup: s.groupName !== d.name }));
  blocks.push({
    type: "context",
    elements: [
      {
        type: "mrkdwn",
        text: `:calendar: Subscribe to this group's calendar in Google Calendar or Outlook (add by URL): ${slackLink(d.feedUrl)}`,
      },
    ],
  });
  if (takesSignups(d.signup) && opts.canJoin && !d.isMine) {
    const join: Button = {
      type: "button",
      text: { type: "plain_text", text: "Join" },
      action_id: ACTIONS.joinGroup,
      value: d.id,
      style: "primary",
    };
    blocks.push({ type: "actions", block_id: `group_details_${d.id}`, elements: [join] });
  }
  return blocks;
}

export function groupDetailsMessage(d: GroupDetails, opts: GroupDetailsOptions): Message {
  return { text: `${escapeMrkdwn(d.name)}: ${seatsText(d)}`, blocks: groupDetailsBlocks(d, opts) };
}

export function groupDetailsModal(d: GroupDetails, opts: GroupDetailsOptions): ModalView {
  return {
    type: "modal",
    title: { type: "plain_text", text: "Group details" },
    close: { type: "plain_text", text: "Close" },
    blocks: groupDetailsBlocks(d, opts),
  };
}

/** When the typed name matches no group, or several. */
export function groupNotFoundMessage(query: string, candidates: readonly { name: string }[], ambiguous: boolean): Message {
  const typed = clip(query, TYPED_SHOWN);
  const list = candidates
    .slice(0, 10)
    .map((g) => `• ${escapeMrkdwn(g.name)}`)
    .join("\n");
  const lead = ambiguous
    ? `“${escapeMrkdwn(typed)}” matches more than one group. Which one did you mean?`
    : `No group matches “${escapeMrkdwn(typed)}”.`;
  const hint = candidates.length
    ? `\n${list}\nType a few words of its name, e.g. ${codeSpan(`/convene group ${candidates[0]!.name.split(/\s+/).slice(0, 2).join(" ")}`)}.`
    : "\n`/convene groups` lists every group.";
  return {
    text: ambiguous ? `“${typed}” matches more than one group.` : `No group matches “${typed}”.`,
    blocks: [{ type: "section", text: { type: "mrkdwn", text: `${lead}${hint}` } }],
  };
}
