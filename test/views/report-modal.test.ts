import { errorsOnly, validateView } from "../../src/local-slack";
import { participationReport, type ReportInput } from "../../src/domain/participation-report";
import { REPORT_ROWS, reportModal } from "../../src/views/report-modal";

/** A coalition at the size the bench stores, with names as long as Slack allows and hostile text. */
function largeInput(): ReportInput {
  const long = (s: string) => `${s} <b>&*bold*_ `.padEnd(150, "x");
  const groups = Array.from({ length: 500 }, (_, i) => ({ id: `g${i}`, name: long(`Group ${i}`), capacity: i % 2 ? 20 : null }));
  const sessions = groups.flatMap((g, i) =>
    Array.from({ length: 12 }, (_, s) => ({
      id: `${g.id}s${s}`,
      groupId: g.id,
      title: `S${s}`,
      startsAt: new Date(Date.UTC(2021, 8 + s, 1 + (i % 20))),
    })),
  );
  const organizations = Array.from({ length: 200 }, (_, i) => ({
    id: `o${i}`,
    name: long(`School ${i}`),
    memberStatus: i % 7 ? ("MEMBER" as const) : ("PARTNER" as const),
  }));
  const people = Array.from({ length: 10_000 }, (_, i) => `p${i}`);
  return {
    programme: { id: "prog", slug: "cop", name: long("Communities of Practice"), timezone: "America/Chicago" },
    asOf: new Date("2022-06-30T00:00:00Z"),
    groups,
    sessions,
    memberships: people.map((p, i) => ({
      groupId: `g${i % 500}`,
      personId: p,
      status: i % 25 === 0 ? ("WAITLISTED" as const) : ("ACTIVE" as const),
    })),
    organizations,
    organizationOf: new Map(people.filter((_, i) => i % 10).map((p, i) => [p, `o${i % 200}`])),
    attendanceBySession: sessions.flatMap((s) => [
      { sessionId: s.id, attended: true, count: 15 },
      { sessionId: s.id, attended: false, count: 5 },
    ]),
    attendanceByPerson: people.flatMap((p) => [{ personId: p, attended: true, count: 9 }]),
    rsvpsBySession: sessions.map((s) => ({ sessionId: s.id, response: "GOING" as const, count: 12 })),
    deliverableAuthors: ["p1", "p2", null],
    proposers: ["p3"],
  };
}

describe("the report modal", () => {
  it("stays within Slack's limits at 500 groups and 200 organizations, and says where the rest are", () => {
    const report = participationReport(largeInput());
    const view = reportModal(report, { zone: "America/Chicago" });
    expect(errorsOnly(validateView(view, { expectedType: "modal" }))).toEqual([]);
    expect(view.blocks.length).toBeLessThanOrEqual(100);
    const text = JSON.stringify(view.blocks);
    expect(text).toContain(`and ${report.organizations.length - REPORT_ROWS} more — see participation-by-organization.csv`);
    expect(text).toContain(`and ${500 - REPORT_ROWS} more — see groups.csv`);
    expect(text).not.toContain("<b>");
    expect(text).toContain("each session: 15 · 15");
    expect(text).toContain(" · …");
  });

  it("says so when nothing has happened yet", () => {
    const empty = participationReport({
      ...largeInput(),
      groups: [],
      sessions: [],
      memberships: [],
      organizations: [],
      attendanceBySession: [],
      attendanceByPerson: [],
      rsvpsBySession: [],
      deliverableAuthors: [],
      proposers: [],
    });
    const text = JSON.stringify(reportModal(empty, { zone: "America/Chicago" }).blocks);
    expect(text).toContain("No organization takes part yet.");
    expect(text).toContain("The programme has no groups yet.");
    expect(text).toContain("*Attendance*\\nnone recorded yet");
  });
});
