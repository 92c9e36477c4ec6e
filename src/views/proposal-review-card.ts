import type { ActionsBlock, KnownBlock, SectionBlock } from "@slack/types";
import { escapeMrkdwn, type Message } from "./message";
import { DELIVERABLES, type DeliverableKind, FORMATS, type ProposalFormat } from "./proposal-modal";
import { RUBRIC, type Scores } from "./proposal-score-modal";
import { onDate, slackDate } from "./slack-date";

/**
 * A proposal as staff review it, in the programme's review channel: what is proposed, who
 * reviews it and how they scored, and the decision buttons until a decision is made. Re-rendered
 * in place (chat.update) after every change. Every button's value is the proposal id.
 */
export const PROPOSAL_ACTIONS = {
  score: "proposal_review_open", // also in the reviewer's DM
  approve: "proposal_approve",
  requestChanges: "proposal_request_changes",
  decline: "proposal_decline",
  assignReviewers: "proposal_assign_reviewers", // a users select: its block id carries the proposal id
} as const;
export const REVIEWERS_BLOCK_PREFIX = "proposal_reviewers:";
export const proposalIdOfReviewersBlock = (blockId: string): string | null =>
  blockId.startsWith(REVIEWERS_BLOCK_PREFIX) ? blockId.slice(REVIEWERS_BLOCK_PREFIX.length) || null : null;

export type ProposalStatus = "SUBMITTED" | "CHANGES_REQUESTED" | "APPROVED" | "DECLINED" | "WITHDRAWN";

export interface ProposalCardData {
  id: string;
  title: string;
  summary: string;
  problem: string;
  audience: string;
  programmeName: string;
  timezone: string;
  proposerSlackId: string;
  facilitators: { name: string; organization: string | null; slackUserId: string | null }[];
  deliverableKind: DeliverableKind;
  format: ProposalFormat;
  capacity: number;
  status: ProposalStatus;
  submittedAt: Date;
  decidedBySlack: string | null;
  decidedAt: Date | null;
  decisionNote: string | null;
  group: { name: string; channelId: string | null } | null;
  reviews: {
    reviewerSlackId: string;
    scores: Partial<Scores> | null;
    abstained: boolean;
    comment: string | null;
    submittedAt: Date | null;
  }[];
}

const MAX_TEXT = 3000;
const clip = (s: string, max: number) => (s.length <= max ? s : `${s.slice(0, max - 1)}…`);
const section = (text: string, extra: Partial<SectionBlock> = {}): SectionBlock => ({
  type: "section",
  text: { type: "mrkdwn", text: clip(text, MAX_TEXT) },
  ...extra,
});
const quote = (note: string) =>
  escapeMrkdwn(note)
    .split("\n")
    .map((l) => `>${l}`)
    .join("\n");
const when = (at: Date, zone: string) => slackDate(at, "{date_short_pretty} at {time}", zone);

export const facilitatorLine = (f: ProposalCardData["facilitators"][number]) =>
  `${f.slackUserId ? `<@${f.slackUserId}>` : escapeMrkdwn(f.name)}${f.organization ? ` (${escapeMrkdwn(f.organization)})` : ""}`;

/** "4.3" over the criteria scored; the card shows each score beside it. */
export function averageScore(scores: Partial<Scores>): string {
  const values = RUBRIC.map((c) => scores[c.key]).filter((v): v is number => typeof v === "number");
  return values.length ? (values.reduce((a, b) => a + b, 0) / values.length).toFixed(1) : "–";
}

function reviewLine(r: ProposalCardData["reviews"][number]): string {
  const who = `<@${r.reviewerSlackId}>`;
  if (!r.submittedAt) return `${who}: not reviewed yet`;
  const comment = r.comment ? `\n${quote(clip(r.comment, 400))}` : "";
  if (r.abstained) return `${who}: abstained (conflict of interest)${comment}`;
  const scores = r.scores ?? {};
  return `${who}: *${averageScore(scores)}* (${RUBRIC.map((c) => `${c.label} ${scores[c.key] ?? "–"}`).join(" · ")})${comment}`;
}

export function statusLine(
  p: Pick<ProposalCardData, "status" | "decidedBySlack" | "decidedAt" | "decisionNote" | "group" | "timezone" | "submittedAt">,
): string {
  const by = p.decidedBySlack ? ` by <@${p.decidedBySlack}>` : "";
  const at = p.decidedAt ? ` ${onDate(p.decidedAt, p.timezone)}` : "";
  const note = p.decisionNote ? `\n${quote(p.decisionNote)}` : "";
  switch (p.status) {
    case "SUBMITTED":
      return `:inbox_tray: Waiting for a decision. Submitted ${when(p.submittedAt, p.timezone)}.`;
    case "CHANGES_REQUESTED":
      return `:pencil2: Changes requested${by}${at}; waiting for the proposer.${note}`;
    case "APPROVED": {
      const group = p.group
        ? p.group.channelId
          ? ` Its group meets in <#${p.group.channelId}>.`
          : " Its group's channel is being set up."
        : "";
      return `:white_check_mark: Approved${by}${at}.${group}`;
    }
    case "DECLINED":
      return `:no_entry_sign: Declined${by}${at}.${note}`;
    case "WITHDRAWN":
      return ":leftwards_arrow_with_hook: Withdrawn by the proposer.";
  }
}

export function proposalReviewCard(p: ProposalCardData): Message {
  const undecided = p.status === "SUBMITTED" || p.status === "CHANGES_REQUESTED";
  const reviewers = p.reviews.map((r) => r.reviewerSlackId);
  const reviewsText = p.reviews.length ? p.reviews.map(reviewLine).join("\n") : "No reviewers yet.";
  const reviews: SectionBlock = section(`*Reviews*\n${reviewsText}`, {
    block_id: `${REVIEWERS_BLOCK_PREFIX}${p.id}`,
    ...(undecided && {
      accessory: {
        type: "multi_users_select",
        action_id: PROPOSAL_ACTIONS.assignReviewers,
        placeholder: { type: "plain_text", text: "Assign reviewers" },
        ...(reviewers.length ? { initial_users: reviewers } : {}),
      },
    }),
  });
  const blocks: KnownBlock[] = [
    { type: "header", text: { type: "plain_text", text: clip(`Proposal: ${p.title}`, 150) } },
    section(`*${escapeMrkdwn(p.programmeName)}* · proposed by <@${p.proposerSlackId}>`),
    {
      type: "section",
      fields: [
        { type: "mrkdwn", text: `*Facilitators*\n${p.facilitators.map(facilitatorLine).join("\n")}` },
        { type: "mrkdwn", text: `*Audience*\n${escapeMrkdwn(p.audience)}` },
        { type: "mrkdwn", text: `*Deliverable*\n${DELIVERABLES[p.deliverableKind]}` },
        { type: "mrkdwn", text: `*Format and capacity*\n${FORMATS[p.format]}, up to ${p.capacity} participants` },
      ],
    },
    section(`*Summary*\n${escapeMrkdwn(p.summary)}`),
    section(`*The problem it addresses*\n${escapeMrkdwn(p.problem)}`),
    { type: "divider" },
    reviews,
    { type: "context", elements: [{ type: "mrkdwn", text: statusLine(p) }] },
  ];
  if (undecided) blocks.push(decisionButtons(p));
  return {
    text: `Proposal: ${escapeMrkdwn(p.title)} (${escapeMrkdwn(p.programmeName)}), ${p.status.toLowerCase().replace("_", " ")}`,
    blocks,
  };
}

function decisionButtons(p: ProposalCardData): ActionsBlock {
  const button = (action: string, text: string, style?: "primary" | "danger") => ({
    type: "button" as const,
    action_id: action,
    text: { type: "plain_text" as const, text },
    value: p.id,
    ...(style ? { style } : {}),
  });
  return {
    type: "actions",
    block_id: "proposal_decision",
    elements: [
      button(PROPOSAL_ACTIONS.score, "Review"),
      {
        ...button(PROPOSAL_ACTIONS.approve, "Approve", "primary"),
        confirm: {
          title: { type: "plain_text", text: "Approve this proposal?" },
          text: { type: "plain_text", text: `Convene creates the group "${clip(p.title, 200)}" with its channel and tells the proposer.` },
          confirm: { type: "plain_text", text: "Approve" },
          deny: { type: "plain_text", text: "Not yet" },
        },
      },
      button(PROPOSAL_ACTIONS.requestChanges, "Ask for changes"),
      button(PROPOSAL_ACTIONS.decline, "Decline", "danger"),
    ],
  };
}
