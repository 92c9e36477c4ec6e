import { myProposalsBlocks, type MyProposal } from "../../src/views/my-proposals";
import {
  channelProblemMessage,
  channelReadyMessage,
  noReviewChannelMessage,
  proposalDecisionMessage,
  proposalReceiptMessage,
  proposalsClosedMessage,
  proposalsWindowMessage,
  reviewChannelMessage,
  reviewRequestMessage,
} from "../../src/views/proposal-messages";
import { ACTIONS } from "../../src/views/actions";
import type { Message } from "../../src/views/message";
import { errorsOnly, validateMessageBlocks } from "../../src/local-slack";

const mine: MyProposal = {
  id: "prop_1",
  title: "Restorative practices",
  programmeName: "CoP 2021-2022",
  timezone: "America/New_York",
  status: "SUBMITTED",
  mayChange: true,
  changeableUntil: new Date("2021-10-02T03:59:00Z"),
  decisionNote: null,
  groupChannelId: null,
};
const shown = (m: Message) => JSON.stringify(m.blocks);
const buttonIds = (m: { blocks: unknown[] }) => [...JSON.stringify(m.blocks).matchAll(/"action_id":"(\w+)"/g)].map((x) => x[1]);

describe("messages about a proposal", () => {
  it("every one passes Slack's Block Kit checks", () => {
    const messages: Message[] = [
      proposalReceiptMessage(mine),
      proposalDecisionMessage({ ...mine, status: "APPROVED", mayChange: false, changeableUntil: null, facilitatorCount: 2 }),
      proposalDecisionMessage({
        ...mine,
        status: "DECLINED",
        mayChange: false,
        changeableUntil: null,
        decisionNote: "Not this year",
        facilitatorCount: 1,
      }),
      proposalDecisionMessage({
        ...mine,
        status: "CHANGES_REQUESTED",
        changeableUntil: null,
        decisionNote: "Narrow it",
        facilitatorCount: 1,
      }),
      reviewRequestMessage({ proposalId: "prop_1", title: "T", programmeName: "P", assignedBy: "U0STAFF" }),
      noReviewChannelMessage({ title: "T", programmeName: "P", programmeSlug: "p", command: "/convene" }),
      channelProblemMessage({ groupName: "G", error: "Every name is taken.", willRetry: true }),
      channelReadyMessage({ groupName: "G", channelId: "C1", warnings: ["could not invite <@U1> (cant_invite)"] }),
      proposalsClosedMessage([{ name: "P", closedAt: new Date(), timezone: "UTC" }]),
      proposalsClosedMessage([]),
      proposalsWindowMessage({ programmeName: "P", reopened: true, open: true, dueAt: null, timezone: "UTC" }),
      reviewChannelMessage({ programmeName: "P", actorSlackId: "U0STAFF" }),
    ];
    for (const m of messages) {
      expect(m.text.length).toBeGreaterThan(0);
      expect(errorsOnly(validateMessageBlocks(m.blocks))).toEqual([]);
    }
  });

  it("thanks the proposer and says until when they may edit or withdraw", () => {
    const receipt = proposalReceiptMessage(mine);
    expect(receipt.text).toBe('Convene received your proposal "Restorative practices" for CoP 2021-2022.');
    expect(shown(receipt)).toContain("You can edit or withdraw it until <!date^1633147140^");
    expect(buttonIds(receipt)).toEqual([ACTIONS.editProposal, ACTIONS.withdrawProposal]);
  });

  it("declines kindly, with the staff's note", () => {
    const m = proposalDecisionMessage({
      ...mine,
      status: "DECLINED",
      mayChange: false,
      changeableUntil: null,
      decisionNote: "We have a group\non this already.",
      facilitatorCount: 1,
    });
    expect(shown(m)).toContain("Thank you for proposing *Restorative practices*");
    expect(shown(m)).toContain(">We have a group\\n>on this already.");
    expect(buttonIds(m)).toEqual([]);
  });

  it("asks for changes with the note and the Edit button", () => {
    const m = proposalDecisionMessage({
      ...mine,
      status: "CHANGES_REQUESTED",
      changeableUntil: null,
      decisionNote: "Narrow it",
      facilitatorCount: 1,
    });
    expect(shown(m)).toContain(">Narrow it");
    expect(buttonIds(m)).toEqual([ACTIONS.editProposal, ACTIONS.withdrawProposal]);
  });

  it("lists a proposer's proposals with buttons only where they may still change them", () => {
    const blocks = myProposalsBlocks([
      mine,
      { ...mine, id: "prop_2", status: "APPROVED", mayChange: false, changeableUntil: null, groupChannelId: "C0G" },
    ]);
    expect(errorsOnly(validateMessageBlocks(blocks))).toEqual([]);
    expect(buttonIds({ blocks })).toEqual([ACTIONS.editProposal, ACTIONS.withdrawProposal]);
    expect(JSON.stringify(blocks)).toContain("Your group meets in <#C0G>.");
  });

  it("tells staff how to give a programme a review channel", () => {
    expect(shown(noReviewChannelMessage({ title: "T", programmeName: "CoP", programmeSlug: "cop-2021", command: "/convene" }))).toContain(
      "`/convene proposals review-channel cop-2021`",
    );
  });
});
