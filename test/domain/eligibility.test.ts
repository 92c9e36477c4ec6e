import {
  type Action,
  decideRole,
  decideSignup,
  explainRefusal,
  mayAct,
  placeNewcomers,
  type Refusal,
  type Role,
  seatsToPromote,
  type SignupGroup,
} from "../../src/domain/eligibility";

const now = new Date("2021-07-15T16:00:00Z");
const group: SignupGroup = {
  name: "Got Justice?",
  allowsPartners: false,
  status: "OPEN",
  programmeActive: true,
  signupOpensAt: new Date("2021-06-01T04:00:00Z"), // midnight in New York
  signupClosesAt: new Date("2021-10-01T04:00:00Z"),
  timezone: "America/New_York",
};

describe("who may sign up now", () => {
  it.each<[string, { role: Role; group?: Partial<SignupGroup>; now?: Date }, Refusal["code"] | "ok"]>([
    ["a member, window open, group open", { role: "member" }, "ok"],
    ["a member, group without a window", { role: "member", group: { signupOpensAt: null, signupClosesAt: null } }, "ok"],
    ["a non-member", { role: "guest" }, "not_member"],
    ["staff", { role: "staff" }, "ok"],
    ["a partner, member-only group", { role: "partner" }, "members_only"],
    ["a partner, group that allows partners", { role: "partner", group: { allowsPartners: true } }, "ok"],
    ["a guest, group that allows partners", { role: "guest", group: { allowsPartners: true } }, "not_member"],
    ["a non-member, even for a closed group", { role: "guest", group: { status: "CLOSED" } }, "not_member"],
    ["a member, group closed to sign-ups", { role: "member", group: { status: "CLOSED" } }, "group_closed"],
    ["a member, group ended", { role: "member", group: { status: "ENDED" } }, "group_ended"],
    ["a member, programme archived", { role: "member", group: { programmeActive: false } }, "group_ended"],
    ["a member, before the window opens", { role: "member", now: new Date("2021-05-31T23:00:00Z") }, "not_open_yet"],
    ["a member, the moment it opens", { role: "member", now: new Date("2021-06-01T04:00:00Z") }, "ok"],
    ["a member, a minute before the deadline", { role: "member", now: new Date("2021-10-01T03:59:00Z") }, "ok"],
    ["a member, at the deadline", { role: "member", now: new Date("2021-10-01T04:00:00Z") }, "deadline_passed"],
    [
      "a member, a closed group after the deadline",
      { role: "member", group: { status: "CLOSED" }, now: new Date("2022-01-01T00:00:00Z") },
      "group_closed",
    ],
  ])("%s", (_label, input, expected) => {
    const decision = decideSignup({ role: input.role, group: { ...group, ...input.group }, now: input.now ?? now });
    expect(decision.ok ? "ok" : decision.refusal.code).toBe(expected);
  });
});

describe("who may do what", () => {
  it.each<[Action, Role[]]>([
    ["join_group", ["staff", "member"]],
    ["propose", ["staff", "member", "partner"]],
    ["facilitate", ["staff", "member", "partner"]],
    ["submit_event", ["staff", "member", "partner"]],
    ["suggest_topic", ["staff", "member", "partner"]],
    ["upvote_topic", ["staff", "member", "partner"]],
  ])("%s: %j", (action, allowed) => {
    const roles: Role[] = ["staff", "member", "partner", "guest"];
    expect(roles.filter((r) => mayAct(r, action))).toEqual(allowed);
  });
});

describe("what a refused person reads", () => {
  it.each<[Refusal, string]>([
    [{ code: "not_member" }, "member organizations"],
    [{ code: "group_closed" }, '"Got Justice?" is not taking sign-ups'],
    [{ code: "group_ended" }, '"Got Justice?" has ended'],
    [{ code: "not_open_yet", opensAt: group.signupOpensAt! }, 'Sign-ups for "Got Justice?" open on Tuesday, June 1, 2021.'],
    [{ code: "deadline_passed", closedAt: group.signupClosesAt! }, 'Sign-ups for "Got Justice?" closed on Friday, October 1, 2021.'],
  ])("%j", (refusal, expected) => {
    expect(explainRefusal(refusal, group)).toContain(expected);
  });

  it("gives the date as the programme's zone has it, not UTC's", () => {
    const lateEvening = new Date("2021-10-01T03:30:00Z"); // September 30, 11:30 pm in New York
    expect(explainRefusal({ code: "deadline_passed", closedAt: lateEvening }, group)).toContain("Thursday, September 30, 2021");
    expect(explainRefusal({ code: "deadline_passed", closedAt: lateEvening }, { ...group, timezone: "Europe/London" })).toContain(
      "Friday, October 1, 2021",
    );
  });
});

describe("seats and the waitlist", () => {
  it.each<[string, { capacity: number | null; active: number; waiting: number }, number, string[]]>([
    ["room for all", { capacity: 20, active: 3, waiting: 0 }, 3, ["ACTIVE", "ACTIVE", "ACTIVE"]],
    ["one seat left for three: the first takes it", { capacity: 20, active: 19, waiting: 0 }, 3, ["ACTIVE", "WAITLISTED", "WAITLISTED"]],
    ["full", { capacity: 1, active: 1, waiting: 0 }, 1, ["WAITLISTED"]],
    ["people already waiting keep their turn", { capacity: 10, active: 9, waiting: 1 }, 1, ["WAITLISTED"]],
    ["over capacity (staff lowered it)", { capacity: 5, active: 7, waiting: 0 }, 1, ["WAITLISTED"]],
    ["no limit", { capacity: null, active: 500, waiting: 0 }, 2, ["ACTIVE", "ACTIVE"]],
  ])("%s", (_label, seats, count, places) => {
    expect(placeNewcomers(seats, count)).toEqual(places);
  });

  it.each<[string, { capacity: number | null; active: number; waiting: number }, number]>([
    ["a seat freed, two waiting: one moves up", { capacity: 20, active: 19, waiting: 2 }, 1],
    ["nobody waiting", { capacity: 20, active: 10, waiting: 0 }, 0],
    ["still full", { capacity: 20, active: 20, waiting: 3 }, 0],
    ["capacity raised by five, three waiting", { capacity: 25, active: 20, waiting: 3 }, 3],
    ["limit removed", { capacity: null, active: 20, waiting: 4 }, 4],
    ["over capacity", { capacity: 5, active: 7, waiting: 2 }, 0],
  ])("%s", (_label, seats, promoted) => {
    expect(seatsToPromote(seats)).toBe(promoted);
  });
});

describe("who someone is, and why (decideRole)", () => {
  const facts = { deactivated: false, staff: null, confirmed: false, organization: null, emailDomain: null, slackTeam: null } as const;
  it.each([
    [
      "a Slack Connect person, no email, whose team staff mapped to a member",
      { ...facts, organization: { name: "Prospect Schools", status: "MEMBER" as const }, slackTeam: "T0PROSPECT1" },
      "member",
      { code: "organization", organization: "Prospect Schools", status: "MEMBER", domain: null, slackTeam: "T0PROSPECT1" },
    ],
    [
      "the same, mapped to a partner",
      { ...facts, organization: { name: "Edgility", status: "PARTNER" as const }, slackTeam: "T0EDGILITY1" },
      "partner",
      { code: "organization", organization: "Edgility", status: "PARTNER", domain: null, slackTeam: "T0EDGILITY1" },
    ],
    ["a Slack Connect person from a team nobody mapped", facts, "guest", { code: "no_organization", domain: null }],
    [
      "a colleague matched by email",
      { ...facts, organization: { name: "Prospect Schools", status: "MEMBER" as const }, emailDomain: "prospectschools.org" },
      "member",
      { code: "organization", organization: "Prospect Schools", status: "MEMBER", domain: "prospectschools.org", slackTeam: null },
    ],
  ])("%s", (_what, f, role, reason) => {
    expect(decideRole(f)).toEqual({ role, reason });
  });
});
