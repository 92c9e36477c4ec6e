/**
 * The private word to the person who clicked Going or Can't make it: the answer Convene recorded,
 * and one button to change it. Its buttons are the reminder's own, so a click there is the same
 * RSVP. Pure.
 */
import type { KnownBlock } from "@slack/types";
import { escapeMrkdwn, type Message } from "./message";
import { RSVP_GOING, RSVP_NOT_GOING } from "./reminder-message";
import { fallbackText, slackDate } from "./slack-date";

export interface RsvpConfirmationView {
  sessionId: string;
  title: string;
  groupName: string | null;
  programmeName: string;
  startsAt: Date;
  /** The zone of the fallback text: the reader's. */
  zone: string;
  response: "GOING" | "NOT_GOING";
}

const WHEN = "{date_long_pretty} at {time}";

export function rsvpConfirmation(v: RsvpConfirmationView): Message {
  const going = v.response === "GOING";
  const what = `*${escapeMrkdwn(v.title)}* (${escapeMrkdwn(v.groupName ?? v.programmeName)}, ${slackDate(v.startsAt, WHEN, v.zone)})`;
  const blocks: KnownBlock[] = [
    {
      type: "section",
      text: {
        type: "mrkdwn",
        text: going ? `:white_check_mark: You're going to ${what}.` : `:x: You can't make it to ${what}. The facilitators will know.`,
      },
    },
    {
      type: "actions",
      block_id: "rsvp_change",
      elements: [
        going
          ? {
              type: "button",
              text: { type: "plain_text", text: "Change to: can't make it" },
              action_id: RSVP_NOT_GOING,
              value: v.sessionId,
            }
          : {
              type: "button",
              text: { type: "plain_text", text: "Change to: going" },
              action_id: RSVP_GOING,
              value: v.sessionId,
              style: "primary",
            },
      ],
    },
  ];
  const plainWhen = fallbackText(v.startsAt, WHEN, v.zone);
  return { text: going ? `You're going to ${v.title}, ${plainWhen}.` : `You can't make it to ${v.title}, ${plainWhen}.`, blocks };
}
