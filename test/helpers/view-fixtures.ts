import { groupSignupStatus } from "../../src/domain/group-status";
import type { GroupCard } from "../../src/views/group-card";
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

/**
 * A group card as the repository gives it: its sign-up status decided from its own fields, with
 * no sign-up window unless `window` gives one.
 */
export function withSignupStatus(
  g: Omit<GroupCard, "signup" | "programmeTimezone"> & Partial<Pick<GroupCard, "signup" | "programmeTimezone">>,
  window: { signupOpensAt?: Date | null; signupClosesAt?: Date | null; now?: Date } = {},
): GroupCard {
  const { signupOpensAt = null, signupClosesAt = null, now = new Date("2021-10-01T12:00:00Z") } = window;
  return {
    programmeTimezone: "America/New_York",
    signup: groupSignupStatus(
      { status: g.status, programmeActive: true, signupOpensAt, signupClosesAt, capacity: g.capacity, memberCount: g.memberCount },
      now,
    ),
    ...g,
  };
}
