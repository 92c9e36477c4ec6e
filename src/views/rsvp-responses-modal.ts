/**
 * Who is coming to a session, by name, for staff and the group's facilitators: who answered Going,
 * who answered Can't make it, who has not answered, and a button to nudge the last once. Pure.
 */
import type { KnownBlock, ModalView } from "@slack/types";
import { escapeMrkdwn } from "./message";
import { contextLine, modal, mrkdwnSection } from "./modal-kit";
import { slackDate } from "./slack-date";

export const RSVP_RESPONSES_TITLE = "Who's coming";
export const RSVP_NUDGE = "rsvp_nudge";

export interface Responder {
  name: string;
  organization: string | null;
  /** A nudge DM was sent (or is on its way) for this session. */
  nudged: boolean;
}

export interface RsvpResponsesForm {
  session: { id: string; title: string; groupName: string | null; programmeName: string; startsAt: Date; zone: string };
  going: readonly Responder[];
  notGoing: readonly Responder[];
  notAnswered: readonly Responder[];
  /** False once the session has ended or was cancelled: nobody is nudged then. */
  open: boolean;
  /** Who a nudge would reach: not answered, not nudged yet, and not the reader. */
  nudgeable: number;
  /** How many were just nudged, after the button was clicked. */
  nudgedNow?: number;
}

const SECTION_MAX = 2900;

/** Names, one a line, cut with "and N more" before Slack's section limit. */
function names(people: readonly Responder[], mark: (p: Responder) => string = () => ""): string {
  const lines: string[] = [];
  let length = 0;
  for (const [i, p] of people.entries()) {
    const line = `• ${escapeMrkdwn(p.name)}${p.organization ? ` (${escapeMrkdwn(p.organization)})` : ""}${mark(p)}`;
    if (length + line.length > SECTION_MAX - 20) {
      lines.push(`…and ${people.length - i} more`);
      break;
    }
    lines.push(line);
    length += line.length + 1;
  }
  return lines.length ? lines.join("\n") : "_Nobody_";
}

export function rsvpResponsesModal(form: RsvpResponsesForm): ModalView {
  const { session } = form;
  const toNudge = form.nudgeable;
  const blocks: KnownBlock[] = [
    mrkdwnSection(
      `*${escapeMrkdwn(session.title)}* · ${escapeMrkdwn(session.groupName ?? session.programmeName)}\n${slackDate(session.startsAt, "{date_long_pretty} at {time}", session.zone)}`,
    ),
    { type: "divider" },
    mrkdwnSection(`*Going (${form.going.length})*\n${names(form.going)}`),
    mrkdwnSection(`*Can't make it (${form.notGoing.length})*\n${names(form.notGoing)}`),
    mrkdwnSection(`*Not answered (${form.notAnswered.length})*\n${names(form.notAnswered, (p) => (p.nudged ? " · nudged" : ""))}`),
  ];
  if (form.nudgedNow !== undefined)
    blocks.push(contextLine(`:white_check_mark: Nudged ${form.nudgedNow} ${form.nudgedNow === 1 ? "person" : "people"} by DM.`));
  if (form.open && toNudge > 0) {
    blocks.push({
      type: "actions",
      block_id: "rsvp_responses_actions",
      elements: [
        {
          type: "button",
          text: { type: "plain_text", text: `Nudge the ${toNudge} who have not answered` },
          action_id: RSVP_NUDGE,
          value: session.id,
        },
      ],
    });
    blocks.push(contextLine("Each gets one DM asking Going or Can't make it; nobody is nudged twice for a session."));
  }
  return modal({ title: RSVP_RESPONSES_TITLE, blocks });
}
