/** `/convene sessions [group]`: the next sessions, in the reader's zone, each with add-to-calendar links. Pure. */
import type { KnownBlock } from "@slack/types";
import { sessionBlock, type SessionItem } from "./agenda-items";
import { codeSpan, escapeMrkdwn, type Message } from "./message";

const MAX_SESSIONS = 15;

export function sessionsMessage(input: { sessions: readonly SessionItem[]; zone: string; groupName: string | null }): Message {
  const { sessions, zone, groupName } = input;
  const scope = groupName ? ` for ${groupName}` : "";
  if (sessions.length === 0) {
    const next = groupName
      ? `${codeSpan(`/convene group ${groupName}`)} shows the group; its facilitators and coalition staff schedule its sessions.`
      : "`/convene groups` lists the groups you can join; their sessions will show here.";
    const text = `No upcoming sessions${escapeMrkdwn(scope)}. ${next}`;
    return {
      text: `No upcoming sessions${escapeMrkdwn(scope)}.`,
      blocks: [{ type: "section", text: { type: "mrkdwn", text: `:calendar: ${text}` } }],
    };
  }
  const shown = sessions.slice(0, MAX_SESSIONS);
  const blocks: KnownBlock[] = [
    { type: "header", text: { type: "plain_text", text: `Upcoming sessions${scope}`.slice(0, 150), emoji: true } },
    ...shown.map((s) => sessionBlock(s, zone, { showGroup: !groupName || s.groupName !== groupName })),
    {
      type: "context",
      elements: [
        {
          type: "mrkdwn",
          text: `Times are shown in your own time zone.${sessions.length > shown.length ? ` Showing the next ${shown.length} of ${sessions.length}.` : ""}`,
        },
      ],
    },
  ];
  return { text: `Upcoming sessions${escapeMrkdwn(scope)}: ${sessions.length}`, blocks };
}
