import type { ProposalCardData } from "../../src/views/proposal-review-card";
import type { SessionView } from "../../src/views/reminder-message";

/** Data the views render, shared by the views' own tests and the sandbox renderer's. */

/** A virtual session of a group, at 15:00 in Chicago (CDT), with text that needs escaping. */
export const sampleSession: SessionView = {
  id: "sess_1",
  title: "Assessment for learning",
  programmeName: "CoP 2021-2022",
  groupName: "Math teachers",
  startsAt: new Date("2022-03-14T20:00:00Z"),
  endsAt: new Date("2022-03-14T21:30:00Z"),
  timezone: "America/Chicago",
  format: "VIRTUAL",
  location: null,
  meetingUrl: "https://zoom.example/j/123",
  description: "Bring a student work sample.",
  agenda: "1. Check-in\n2. Protocol <tuning>\n3. Next steps",
  facilitators: [
    { name: "Ana Ruiz", slackUserId: "U0ANA" },
    { name: "Sam Lee", slackUserId: null },
  ],
};

/** A submitted proposal awaiting review, with no reviewers yet. */
export const sampleProposalCard: ProposalCardData = {
  id: "prop_1",
  title: "Restorative practices",
  summary: "Deans compare notes on <restorative> circles.",
  problem: "Suspensions fall hardest on students of color.",
  audience: "Deans of students",
  programmeName: "CoP 2021-2022",
  timezone: "America/New_York",
  proposerSlackId: "U0ANA",
  facilitators: [
    { name: "Ana Ruiz", organization: "Prospect Schools", slackUserId: "U0ANA" },
    { name: "Sam Lee", organization: null, slackUserId: null },
  ],
  deliverableKind: "TOOLKIT",
  format: "hybrid",
  capacity: 20,
  status: "SUBMITTED",
  submittedAt: new Date("2021-09-20T14:00:00Z"),
  decidedBySlack: null,
  decidedAt: null,
  decisionNote: null,
  group: null,
  reviews: [],
};
