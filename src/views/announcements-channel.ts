/** What Convene writes into a programme's announcements channel: its topic, its purpose and the pinned welcome. Pure. */
import type { KnownBlock } from "@slack/types";
import { escapeMrkdwn, type Message, slackLink } from "./message";

export interface AnnouncementsChannel {
  programmeName: string;
  feedUrl: string;
}

/** Slack's limit for both topic and purpose. */
const MAX_TOPIC = 250;
const clip = (s: string, max: number) => (s.length <= max ? s : `${s.slice(0, max - 1)}…`);

export const announcementsTopic = (p: AnnouncementsChannel) => clip(`Announcements · ${p.programmeName}`, MAX_TOPIC);

export const announcementsPurpose = (p: AnnouncementsChannel) =>
  clip(`Deadlines and sessions for everyone in ${p.programmeName}, posted by Convene.`, MAX_TOPIC);

export function announcementsWelcome(p: AnnouncementsChannel): Message {
  const name = escapeMrkdwn(p.programmeName);
  const blocks: KnownBlock[] = [
    { type: "section", text: { type: "mrkdwn", text: `:mega: *Announcements for ${name}*` } },
    {
      type: "section",
      text: {
        type: "mrkdwn",
        text: [
          "Convene posts here, with each time shown in your own time zone:",
          "• a reminder before each deadline of the programme (proposals, sign-ups);",
          "• a reminder before each session for the whole programme (kickoff, in-person days, deliverable presentations), with *Going* / *Can't make it*.",
          `\`/convene deadlines\` lists what is due; subscribe to ${slackLink(p.feedUrl, "the programme's calendar feed")} to have every date in your calendar.`,
        ].join("\n"),
      },
    },
  ];
  return {
    text: `Announcements for ${p.programmeName}: Convene posts deadline reminders and sessions for the whole programme here.`,
    blocks,
  };
}
