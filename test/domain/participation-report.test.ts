import { participationReport, percent, type ReportInput } from "../../src/domain/participation-report";

const base: ReportInput = {
  programme: { id: "p", slug: "cop", name: "CoP", timezone: "America/Chicago" },
  asOf: new Date("2022-01-01T00:00:00Z"),
  groups: [
    { id: "g1", name: "Math", capacity: 10 },
    { id: "g2", name: "Art", capacity: null },
  ],
  sessions: [
    { id: "s2", groupId: "g1", title: "Second", startsAt: new Date("2021-11-01T15:00:00Z") },
    { id: "s1", groupId: "g1", title: "First", startsAt: new Date("2021-10-01T15:00:00Z") },
    { id: "all", groupId: null, title: "Kickoff", startsAt: new Date("2021-09-15T15:00:00Z") },
  ],
  memberships: [
    { groupId: "g1", personId: "ana", status: "ACTIVE" },
    { groupId: "g2", personId: "ana", status: "ACTIVE" },
    { groupId: "g1", personId: "guest", status: "ACTIVE" },
    { groupId: "g1", personId: "wait", status: "WAITLISTED" },
  ],
  organizations: [
    { id: "o1", name: "Lycée", memberStatus: "MEMBER" },
    { id: "o2", name: "Idle member", memberStatus: "MEMBER" },
    { id: "o3", name: "Idle partner", memberStatus: "PARTNER" },
  ],
  organizationOf: new Map([
    ["ana", "o1"],
    ["wait", "o1"],
  ]),
  attendanceBySession: [
    { sessionId: "s1", attended: true, count: 2 },
    { sessionId: "s2", attended: false, count: 1 },
    { sessionId: "all", attended: true, count: 1 },
  ],
  attendanceByPerson: [
    { personId: "ana", attended: true, count: 2 },
    { personId: "guest", attended: true, count: 1 },
    { personId: "guest", attended: false, count: 1 },
  ],
  rsvpsBySession: [
    { sessionId: "s1", response: "GOING", count: 2 },
    { sessionId: "s2", response: "NOT_GOING", count: 1 },
  ],
  deliverableAuthors: ["ana", null],
  proposers: ["guest"],
};

describe("the participation report's figures", () => {
  const r = participationReport(base);

  it("counts a programme-wide session in the totals and for organizations, not for a group", () => {
    expect(r.totals).toMatchObject({
      people: 2,
      groups: 2,
      sessionsHeld: 3,
      attended: 3,
      recorded: 4,
      waitlisted: 1,
      going: 2,
      deliverables: 2,
      proposals: 1,
      organizations: 1,
    });
    const math = r.groups.find((g) => g.name === "Math")!;
    expect(math).toMatchObject({ members: 2, waitlisted: 1, attended: 2, recorded: 3, going: 2, notGoing: 1 });
    expect(math.sessions.map((s) => [s.title, s.attended, s.recorded])).toEqual([
      ["First", 2, 2],
      ["Second", 0, 1],
    ]);
  });

  it("lists member organizations, leaves out partners that took no part, and puts people of no organization last", () => {
    expect(r.organizations.map((o) => [o.name, o.people, o.groups, o.attended, o.recorded, o.deliverables, o.proposals])).toEqual([
      ["Lycée", 1, 2, 2, 2, 1, 0],
      ["Idle member", 0, 0, 0, 0, 0, 0],
      ["No organization", 1, 1, 1, 2, 0, 1],
    ]);
    expect(percent(r.organizations[2]!.rate)).toBe("50%");
    expect(percent(r.organizations[1]!.rate)).toBe("–");
  });
});
