/** What Convene writes into a group's channel: its topic, its purpose and the pinned welcome. Pure. */
import type { KnownBlock } from "@slack/types";
import type { GroupSignupStatus } from "../domain/group-status";
import { seatsText } from "./group-card";
import { codeSpan, escapeMrkdwn, plainSlackText, slackLink, type Message } from "./message";

export interface ChannelGroup {
  name: string;
  description: string;
  programmeName: string;
  facilitators: { name: string; slackUserId: string | null }[];
  feedUrl: string;
  /** Decided from the calendar when the welcome is posted or refreshed (`domain/group-status`). */
  signup: GroupSignupStatus;
  programmeTimezone: string;
}

/** Slack's limit for both topic and purpose. */
const MAX_TOPIC = 250;
const clip = (s: string, max: number) => (s.length <= max ? s : `${s.slice(0, max - 1)}…`);

export const channelTopic = (g: Pick<ChannelGroup, "name" | "programmeName">) =>
  clip(plainSlackText(`${g.name} · ${g.programmeName}`), MAX_TOPIC);

export const channelPurpose = (g: Pick<ChannelGroup, "name" | "description" | "programmeName">) =>
  clip(plainSlackText(g.description.trim() || `${g.name}, a group of ${g.programmeName}.`), MAX_TOPIC);

export function welcomeMessage(g: ChannelGroup): Message {
  const facilitators = g.facilitators.length
    ? g.facilitators.map((f) => (f.slackUserId ? `<@${f.slackUserId}>` : escapeMrkdwn(f.name))).join(", ")
    : "to be announced";
  const blocks: KnownBlock[] = [
    {
      type: "section",
      text: { type: "mrkdwn", text: `:wave: *Welcome to ${escapeMrkdwn(g.name)}!*\nA group of ${escapeMrkdwn(g.programmeName)}.` },
    },
  ];
  if (g.description.trim())
    blocks.push({ type: "section", text: { type: "mrkdwn", text: escapeMrkdwn(clip(g.description.trim(), 2900)) } });
  blocks.push(
    { type: "section", text: { type: "mrkdwn", text: `*Facilitated by* ${facilitators}\n*Status:* ${seatsText(g)}` } },
    {
      type: "section",
      text: {
        type: "mrkdwn",
        text: [
          ":calendar: Convene posts a reminder here before each session, with the time in your own time zone.",
          `${codeSpan(`/convene group ${g.name}`)} shows the next sessions; add them all to your calendar by subscribing to ${slackLink(g.feedUrl, "the group's calendar feed")}.`,
        ].join("\n"),
      },
    },
  );
  return {
    text: `Welcome to ${escapeMrkdwn(g.name)}! Facilitated by ${escapeMrkdwn(g.facilitators.map((f) => f.name).join(", ")) || "facilitators to be announced"}.`,
    blocks,
  };
}
