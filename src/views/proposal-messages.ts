import { escapeMrkdwn, type Message } from "./message";
import { fallbackText, onDate, slackDate } from "./slack-date";
import { myProposalsBlocks, type MyProposal } from "./my-proposals";
import { PROPOSAL_ACTIONS } from "./proposal-review-card";

/** The DMs and thread notes a proposal causes: to its proposer, its reviewers and staff. */

const section = (text: string) => ({ type: "section" as const, text: { type: "mrkdwn" as const, text } });
const quote = (note: string) =>
  escapeMrkdwn(note)
    .split("\n")
    .map((l) => `>${l}`)
    .join("\n");

/** To the proposer, once their proposal is saved: where it stands, with Edit and Withdraw. */
export function proposalReceiptMessage(p: MyProposal): Message {
  return {
    text: `Convene received your proposal "${escapeMrkdwn(p.title)}" for ${escapeMrkdwn(p.programmeName)}.`,
    blocks: [
      section(
        ":raised_hands: Thank you for proposing a group! Coalition staff review every proposal and Convene tells you here when they decide.",
      ),
      ...myProposalsBlocks([p]),
    ],
  };
}

/** To the proposer, after staff approve, decline or ask for changes. */
export function proposalDecisionMessage(p: MyProposal & { facilitatorCount: number }): Message {
  const title = `*${escapeMrkdwn(p.title)}*`;
  switch (p.status) {
    case "APPROVED": {
      const where = p.groupChannelId
        ? `Its channel is <#${p.groupChannelId}>; Convene has invited the facilitator${p.facilitatorCount === 1 ? "" : "s"} in this Slack.`
        : "Convene is setting up its channel and will invite the facilitators in this Slack.";
      return {
        text: `Your proposal "${escapeMrkdwn(p.title)}" is approved.`,
        blocks: [section(`:tada: Your proposal ${title} for ${escapeMrkdwn(p.programmeName)} is approved: it is now a group. ${where}`)],
      };
    }
    case "DECLINED":
      return {
        text: `About your proposal "${escapeMrkdwn(p.title)}"`,
        blocks: [
          section(
            `Thank you for proposing ${title} for ${escapeMrkdwn(p.programmeName)}, and for the thought you put into it. Coalition staff are not able to take it forward this time.${p.decisionNote ? ` Their note:\n${quote(p.decisionNote)}` : ""}`,
          ),
          section("We hope to see you in a group this year, and your proposals in the next."),
        ],
      };
    case "CHANGES_REQUESTED":
      return {
        text: `Staff asked for changes to your proposal "${escapeMrkdwn(p.title)}".`,
        blocks: [section(`:pencil2: Coalition staff would like a few changes to ${title} before they decide.`), ...myProposalsBlocks([p])],
      };
    default:
      return proposalReceiptMessage(p);
  }
}

/**
 * A proposer's earlier DM (the receipt, or a request for changes) redrawn as the proposal is now,
 * so no old message keeps "With coalition staff" or live Edit and Withdraw buttons after staff decide.
 */
export function proposerEarlierMessage(kind: "receipt" | "changes", p: MyProposal, note: string | null = null): Message {
  if (kind === "receipt") return proposalReceiptMessage(p);
  // The note this message carried stays; the current state shows it already while it is the latest request.
  const kept = note && !(p.status === "CHANGES_REQUESTED" && p.decisionNote === note) ? ` Their note:\n${quote(note)}\n` : " ";
  return {
    text: `Staff asked for changes to your proposal "${escapeMrkdwn(p.title)}".`,
    blocks: [
      section(`:pencil2: Coalition staff asked for changes to *${escapeMrkdwn(p.title)}*.${kept}Where it stands now:`),
      ...myProposalsBlocks([p]),
    ],
  };
}

/** To a reviewer staff assigned, with the button that opens the rubric. */
export function reviewRequestMessage(p: { proposalId: string; title: string; programmeName: string; assignedBy: string }): Message {
  return {
    text: `You are asked to review the proposal "${escapeMrkdwn(p.title)}".`,
    blocks: [
      section(
        `:mag: <@${p.assignedBy}> asked you to review *${escapeMrkdwn(p.title)}* (${escapeMrkdwn(p.programmeName)}). Score it on three criteria, or abstain if you have a conflict of interest.`,
      ),
      {
        type: "actions",
        block_id: "review_request",
        elements: [
          {
            type: "button",
            action_id: PROPOSAL_ACTIONS.score,
            text: { type: "plain_text", text: "Review" },
            value: p.proposalId,
            style: "primary",
          },
        ],
      },
    ],
  };
}

/** To staff, when a proposal arrives for a programme that has no review channel yet. */
export function noReviewChannelMessage(p: { title: string; programmeName: string; programmeSlug: string; command: string }): Message {
  return {
    text: `A proposal arrived for ${escapeMrkdwn(p.programmeName)}, which has no review channel.`,
    blocks: [
      section(
        `:warning: The proposal *${escapeMrkdwn(p.title)}* arrived for *${escapeMrkdwn(p.programmeName)}*, which has no review channel yet, so staff cannot see it in Slack. In the channel where staff review proposals, invite Convene and run \`${p.command} proposals review-channel ${p.programmeSlug}\`: every proposal waiting for a decision is posted there.`,
      ),
    ],
  };
}

/** What a refused review card says about itself (`outbox/refused-posts.ts`). */
export function reviewCardAbout(p: { title: string; programmeName: string }): { about: string; next: string } {
  return {
    about: `the review card for *${escapeMrkdwn(p.title)}* (${escapeMrkdwn(p.programmeName)})`,
    next: "The proposal is saved and waits for a decision. It is listed as failed in the reminder queue (`/convene reminders`): once the cause is fixed, Retry posts the card.",
  };
}

/** In the card's thread, when the approved group's channel could not be set up (yet). */
export function channelProblemMessage(p: { groupName: string; error: string; willRetry: boolean }): Message {
  const next = p.willRetry
    ? "Convene will try again in a minute; the group itself is saved."
    : "Convene has stopped trying; the group itself is saved. Link or create its channel by hand.";
  return {
    text: `Convene could not set up the channel for ${escapeMrkdwn(p.groupName)}.`,
    blocks: [
      section(`:warning: Convene could not set up the channel for *${escapeMrkdwn(p.groupName)}*: ${escapeMrkdwn(p.error)}\n${next}`),
    ],
  };
}

/** In the card's thread, once the approved group's channel is set up. */
export function channelReadyMessage(p: { groupName: string; channelId: string; warnings: readonly string[] }): Message {
  // Warnings come from the channel sync as mrkdwn, naming people with <@U…>.
  const warnings = p.warnings.length ? `\n:warning: ${p.warnings.join("; ")}` : "";
  return {
    text: `${escapeMrkdwn(p.groupName)} is set up.`,
    blocks: [
      section(
        `:white_check_mark: *${escapeMrkdwn(p.groupName)}* is set up in <#${p.channelId}>, with its facilitators invited.${warnings}`,
      ),
    ],
  };
}

/** Why no proposal form opens: the latest deadline that passed, or that no programme takes proposals (mrkdwn). */
export function proposalsClosedText(closed: readonly { name: string; closedAt: Date; timezone: string }[]): string {
  const last = closed[0];
  if (!last) return "No programme is taking facilitation proposals right now. Coalition staff announce when proposals open.";
  return `:lock: Proposals for *${escapeMrkdwn(last.name)}* closed ${onDate(last.closedAt, last.timezone)}. If you think yours should still be considered, ask coalition staff: they can reopen proposals.`;
}

/** The reply to `/convene propose` when no programme takes proposals. */
export function proposalsClosedMessage(closed: readonly { name: string; closedAt: Date; timezone: string }[]): Message {
  const last = closed[0];
  const text = last
    ? `Proposals for ${escapeMrkdwn(last.name)} closed on ${fallbackText(last.closedAt, "{date_long} at {time}", last.timezone)}.`
    : "No programme is taking facilitation proposals right now.";
  return { text, blocks: [section(proposalsClosedText(closed))] };
}

/** Staff's answer after reopening or closing a programme's proposals. */
export function proposalsWindowMessage(p: {
  programmeName: string;
  reopened: boolean;
  open: boolean;
  dueAt: Date | null;
  timezone: string;
}): Message {
  const name = `*${escapeMrkdwn(p.programmeName)}*`;
  const due = p.dueAt ? slackDate(p.dueAt, "{date_long_pretty} at {time}", p.timezone) : null;
  const text = p.reopened
    ? `:unlock: Proposals for ${name} are open again${due ? ` (the deadline is ${due})` : ""}, until staff close them with \`/convene proposals close\`.`
    : p.open && due
      ? `:calendar: Proposals for ${name} follow their deadline again: open until ${due}.`
      : `:lock: Proposals for ${name} are closed.${due ? "" : " New proposals are refused with the date the deadline passed."}`;
  return { text: `Proposals for ${escapeMrkdwn(p.programmeName)}: ${p.open ? "open" : "closed"}`, blocks: [section(text)] };
}

/** Posted in a channel when staff make it where a programme's proposals are reviewed. */
export function reviewChannelMessage(p: { programmeName: string; actorSlackId: string }): Message {
  return {
    text: `Proposals for ${escapeMrkdwn(p.programmeName)} are reviewed here.`,
    blocks: [
      section(
        `:inbox_tray: <@${p.actorSlackId}> made this the channel where proposals for *${escapeMrkdwn(p.programmeName)}* are reviewed. Each proposal arrives as a card: assign reviewers, then approve, ask for changes or decline.`,
      ),
    ],
  };
}
