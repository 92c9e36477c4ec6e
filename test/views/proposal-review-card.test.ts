import type { ActionsBlock, KnownBlock, SectionBlock } from "@slack/types";
import { averageScore, PROPOSAL_ACTIONS, proposalIdOfReviewersBlock, proposalReviewCard } from "../../src/views/proposal-review-card";
import { errorsOnly, validateMessageBlocks } from "../../src/local-slack";
import { sampleProposalCard } from "../helpers/view-fixtures";

const base = sampleProposalCard;

const all = (blocks: KnownBlock[]) => JSON.stringify(blocks);
const buttons = (blocks: KnownBlock[]) =>
  blocks
    .filter((b): b is ActionsBlock => b.type === "actions")
    .flatMap((b) => b.elements.map((e) => (e as { action_id: string }).action_id));
const reviewers = (blocks: KnownBlock[]) =>
  blocks.find((b): b is SectionBlock => b.type === "section" && !!b.block_id?.startsWith("proposal_reviewers:"));

describe("the review card", () => {
  it("shows what is proposed and by whom, escaped, with the staff controls", () => {
    const card = proposalReviewCard(base);
    expect(errorsOnly(validateMessageBlocks(card.blocks))).toEqual([]);
    expect(card.text).toBe("Proposal: Restorative practices (CoP 2021-2022), submitted");
    const shown = all(card.blocks);
    expect(shown).toContain("proposed by <@U0ANA>");
    expect(shown).toContain("<@U0ANA> (Prospect Schools)\\nSam Lee");
    expect(shown).toContain("Toolkit");
    expect(shown).toContain("Hybrid, up to 20 participants");
    expect(shown).toContain("&lt;restorative&gt;");
    expect(shown).toContain("Waiting for a decision");
    expect(buttons(card.blocks)).toEqual([
      PROPOSAL_ACTIONS.score,
      PROPOSAL_ACTIONS.approve,
      PROPOSAL_ACTIONS.requestChanges,
      PROPOSAL_ACTIONS.decline,
    ]);
    const select = reviewers(card.blocks)!;
    expect(proposalIdOfReviewersBlock(select.block_id!)).toBe("prop_1");
    expect(select.accessory).toMatchObject({ type: "multi_users_select", action_id: PROPOSAL_ACTIONS.assignReviewers });
  });

  it("lists each reviewer's scores, abstentions and who has not reviewed", () => {
    const card = proposalReviewCard({
      ...base,
      reviews: [
        {
          reviewerSlackId: "U0REV1",
          scores: { need: 4, plan: 5, facilitation: 3 },
          abstained: false,
          comment: "Strong need",
          submittedAt: new Date(),
        },
        { reviewerSlackId: "U0REV2", scores: {}, abstained: true, comment: null, submittedAt: new Date() },
        { reviewerSlackId: "U0REV3", scores: null, abstained: false, comment: null, submittedAt: null },
      ],
    });
    const text = (reviewers(card.blocks)!.text as { text: string }).text;
    expect(text).toBe(
      "*Reviews*\n<@U0REV1>: *4.0* (Need 4 · Plan 5 · Facilitation 3)\n>Strong need\n<@U0REV2>: abstained (conflict of interest)\n<@U0REV3>: not reviewed yet",
    );
    expect((reviewers(card.blocks)!.accessory as { initial_users: string[] }).initial_users).toEqual(["U0REV1", "U0REV2", "U0REV3"]);
  });

  it.each([
    [
      "APPROVED",
      { group: { name: "Restorative practices", channelId: "C0GROUP" } },
      "Approved by <@U0STAFF> on",
      "Its group meets in <#C0GROUP>.",
    ],
    ["DECLINED", { decisionNote: "Not this year" }, "Declined by <@U0STAFF> on", ">Not this year"],
    ["WITHDRAWN", {}, "Withdrawn by the proposer.", ""],
  ] as const)("once %s, shows the outcome in place of the controls", (status, extra, headline, detail) => {
    const card = proposalReviewCard({
      ...base,
      status,
      decidedBySlack: status === "WITHDRAWN" ? null : "U0STAFF",
      decidedAt: new Date("2021-10-05T15:00:00Z"),
      ...extra,
    });
    expect(errorsOnly(validateMessageBlocks(card.blocks))).toEqual([]);
    expect(buttons(card.blocks)).toEqual([]);
    expect(reviewers(card.blocks)!.accessory).toBeUndefined();
    expect(all(card.blocks)).toContain(headline);
    expect(all(card.blocks)).toContain(detail);
  });

  it("keeps the controls while waiting for the proposer's changes, with the request shown", () => {
    const card = proposalReviewCard({
      ...base,
      status: "CHANGES_REQUESTED",
      decidedBySlack: "U0STAFF",
      decidedAt: new Date(),
      decisionNote: "Narrow the audience",
    });
    expect(buttons(card.blocks)).toContain(PROPOSAL_ACTIONS.approve);
    expect(all(card.blocks)).toContain("Changes requested by <@U0STAFF>");
    expect(all(card.blocks)).toContain(">Narrow the audience");
  });

  it("averages the criteria scored", () => {
    expect(averageScore({ need: 4, plan: 5, facilitation: 5 })).toBe("4.7");
    expect(averageScore({})).toBe("–");
  });
});
