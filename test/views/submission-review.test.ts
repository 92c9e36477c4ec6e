import type { ActionsBlock } from "@slack/types";
import {
  pendingSubmissionsMessage,
  type ReviewedSubmission,
  SUBMISSION_APPROVE,
  SUBMISSION_DECLINE,
  submissionDecisionMessage,
  submissionReviewMessage,
} from "../../src/views/submission-review";
import { validateMessageBlocks } from "../../src/local-slack";

const event: ReviewedSubmission = {
  id: "sub_1",
  kind: "EVENT",
  title: "Family Literacy Night",
  submittedBy: "U0ARI",
  status: "PENDING",
  decidedBy: null,
  event: {
    programmeName: "CoP 2021-2022",
    description: "Stories & <snacks>.",
    startsAt: new Date("2021-11-19T00:30:00Z"),
    timezone: "America/Chicago",
    durationMinutes: 90,
    format: "IN_PERSON",
    location: "Prospect Schools, Brooklyn",
    link: null,
  },
};
const application: ReviewedSubmission = {
  id: "sub_2",
  kind: "MEMBERSHIP_APPLICATION",
  title: "KIPP Kansas City",
  submittedBy: "U0KIP",
  status: "PENDING",
  decidedBy: null,
  application: {
    organization: "KIPP Kansas City",
    domains: ["kippkc.org"],
    website: "https://kippkc.org",
    about: "Three schools.",
    peopleAtDomains: 7,
  },
};
const text = (v: unknown) => JSON.stringify(v);
const actions = (m: { blocks: unknown[] }) => m.blocks.filter((b) => (b as ActionsBlock).type === "actions") as ActionsBlock[];

describe("submissions as staff review them", () => {
  it("shows an event's time in each reader's zone, its place, and Approve / Decline", () => {
    const m = submissionReviewMessage(event);
    expect(m.text).toBe("Event submission: Family Literacy Night, waiting for review");
    expect(text(m)).toContain(
      "<!date^1637281800^{date_long_pretty} at {time}|Thursday, November 18, 2021 at 6:30 PM CST>, 90 minutes · In person, Prospect Schools, Brooklyn",
    );
    expect(text(m)).toContain("Stories &amp; &lt;snacks&gt;.");
    expect(actions(m)[0]!.elements.map((e) => [(e as { action_id: string }).action_id, (e as { value: string }).value])).toEqual([
      [`${SUBMISSION_APPROVE}:sub_1`, "sub_1"],
      [`${SUBMISSION_DECLINE}:sub_1`, "sub_1"],
    ]);
    expect(validateMessageBlocks(m.blocks)).toEqual([]);
  });

  it("once decided, says who decided and offers no buttons", () => {
    const m = submissionReviewMessage({ ...application, status: "APPROVED", decidedBy: "U0STAFF" });
    expect(actions(m)).toEqual([]);
    expect(text(m)).toContain("Approved by <@U0STAFF>");
    expect(text(m)).toContain("Email domains: `kippkc.org`");
  });

  it("lists what is waiting, each with its own buttons", () => {
    const m = pendingSubmissionsMessage([event, application], 12);
    expect(actions(m).map((a) => a.block_id)).toEqual(["review_sub_1", "review_sub_2"]);
    expect(text(m)).toContain("Showing the oldest 2 of 12.");
    expect(validateMessageBlocks(m.blocks)).toEqual([]);
    expect(pendingSubmissionsMessage([], 0).text).toBe("Nothing is waiting for review.");
  });

  it("tells the submitter the decision", () => {
    expect(submissionDecisionMessage({ ...event, status: "APPROVED" }).text).toContain(
      "Your event Family Literacy Night was approved and is on the calendar.",
    );
    expect(submissionDecisionMessage({ ...application, status: "APPROVED" }).text).toContain(
      "Everyone with an address at kippkc.org can sign up for groups.",
    );
    expect(submissionDecisionMessage({ ...application, status: "DECLINED" }).text).toContain("was not approved this time");
  });
});
