/** The one DM a person gets when a facilitator or staff nudge those who have not answered. Pure. */
import type { KnownBlock } from "@slack/types";
import { escapeMrkdwn, type Message } from "./message";
import { RSVP_GOING, RSVP_NOT_GOING } from "./reminder-message";
import { fallbackText, slackDate } from "./slack-date";

export interface RsvpNudgeView {
  sessionId: string;
  title: string;
  groupName: string | null;
  programmeName: string;
  startsAt: Date;
  /** The zone of the fallback text: the recipient's. */
  zone: string;
  askedBySlackId: string;
}

const WHEN = "{date_long_pretty} at {time}";

export function rsvpNudgeMessage(v: RsvpNudgeView): Message {
  const where = escapeMrkdwn(v.groupName ?? v.programmeName);
  const blocks: KnownBlock[] = [
    {
      type: "section",
      text: {
        type: "mrkdwn",
        text: `:wave: <@${v.askedBySlackId}> would like to know: are you coming to *${escapeMrkdwn(v.title)}* (${where}, ${slackDate(v.startsAt, WHEN, v.zone)})?`,
      },
    },
    {
      type: "actions",
      block_id: "rsvp_nudge",
      elements: [
        { type: "button", text: { type: "plain_text", text: "Going" }, action_id: RSVP_GOING, value: v.sessionId, style: "primary" },
        { type: "button", text: { type: "plain_text", text: "Can't make it" }, action_id: RSVP_NOT_GOING, value: v.sessionId },
      ],
    },
  ];
  return { text: `Are you coming to ${v.title}, ${fallbackText(v.startsAt, WHEN, v.zone)}?`, blocks };
}
