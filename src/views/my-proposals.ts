import type { ActionsBlock, KnownBlock } from "@slack/types";
import { ACTIONS } from "./actions";
import { escapeMrkdwn } from "./message";
import type { ProposalStatus } from "./proposal-review-card";
import { slackDate } from "./slack-date";

/**
 * A proposer's own proposals and where each stands, with Edit and Withdraw while they may still
 * change it. Shown in the DMs Convene sends them, and meant for `/convene my` and App Home.
 */
export interface MyProposal {
  id: string;
  title: string;
  programmeName: string;
  timezone: string;
  status: ProposalStatus;
  /** Whether the proposer may still edit or withdraw it, and until when (null: no fixed date). */
  mayChange: boolean;
  changeableUntil: Date | null;
  decisionNote: string | null;
  groupChannelId: string | null;
}

const quote = (note: string) =>
  escapeMrkdwn(note)
    .split("\n")
    .map((l) => `>${l}`)
    .join("\n");

export function proposerStatus(p: MyProposal): string {
  const until = p.changeableUntil
    ? ` You can edit or withdraw it until ${slackDate(p.changeableUntil, "{date_long_pretty} at {time}", p.timezone)}.`
    : p.mayChange
      ? " You can edit or withdraw it while proposals are open."
      : "";
  switch (p.status) {
    case "SUBMITTED":
      return `:inbox_tray: With coalition staff for review.${until}`;
    case "CHANGES_REQUESTED":
      return `:pencil2: Staff asked for changes${p.decisionNote ? `:\n${quote(p.decisionNote)}` : "."}\nEdit it to send it back for review.`;
    case "APPROVED":
      return `:white_check_mark: Approved.${p.groupChannelId ? ` Your group meets in <#${p.groupChannelId}>.` : " Your group's channel is being set up."}`;
    case "DECLINED":
      return `:seedling: Not taken forward this time.${p.decisionNote ? `\n${quote(p.decisionNote)}` : ""}`;
    case "WITHDRAWN":
      return ":leftwards_arrow_with_hook: You withdrew it.";
  }
}

function changeButtons(p: MyProposal): ActionsBlock {
  return {
    type: "actions",
    block_id: `my_proposal:${p.id}`,
    elements: [
      { type: "button", action_id: ACTIONS.editProposal, text: { type: "plain_text", text: "Edit" }, value: p.id },
      {
        type: "button",
        action_id: ACTIONS.withdrawProposal,
        text: { type: "plain_text", text: "Withdraw" },
        value: p.id,
        confirm: {
          title: { type: "plain_text", text: "Withdraw this proposal?" },
          text: { type: "plain_text", text: "Staff will no longer review it. You can propose again while proposals are open." },
          confirm: { type: "plain_text", text: "Withdraw" },
          deny: { type: "plain_text", text: "Keep it" },
          style: "danger",
        },
      },
    ],
  };
}

export function myProposalsBlocks(proposals: readonly MyProposal[]): KnownBlock[] {
  return proposals.flatMap((p): KnownBlock[] => [
    {
      type: "section",
      text: { type: "mrkdwn", text: `*${escapeMrkdwn(p.title)}* · ${escapeMrkdwn(p.programmeName)}\n${proposerStatus(p)}` },
    },
    ...(p.mayChange ? [changeButtons(p)] : []),
  ]);
}
