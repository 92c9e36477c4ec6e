/** A session's notes as the group reads them in its channel. Pure. */
import type { KnownBlock } from "@slack/types";
import { escapeMrkdwn, slackLink, type Message } from "./message";
import { fallbackText, slackDate } from "./slack-date";

export interface SessionNotes {
  title: string;
  startsAt: Date;
  /** The session's zone, for the fallback text. */
  timezone: string;
  authorSlackId: string;
  notes: string;
  link: string | null;
}

const clip = (s: string, max: number) => (s.length <= max ? s : `${s.slice(0, max - 1)}…`);

export function sessionNotesMessage(n: SessionNotes): Message {
  const blocks: KnownBlock[] = [
    {
      type: "section",
      text: {
        type: "mrkdwn",
        text: `:memo: *Notes from ${escapeMrkdwn(n.title)}* · ${slackDate(n.startsAt, "{date_short_pretty}", n.timezone)}\nShared by <@${n.authorSlackId}>`,
      },
    },
    { type: "section", text: { type: "mrkdwn", text: clip(escapeMrkdwn(n.notes), 3000) } },
  ];
  if (n.link) blocks.push({ type: "section", text: { type: "mrkdwn", text: `:link: ${slackLink(n.link)}` } });
  return { text: `Notes from ${escapeMrkdwn(n.title)} (${fallbackText(n.startsAt, "{date_short}", n.timezone)})`, blocks };
}
