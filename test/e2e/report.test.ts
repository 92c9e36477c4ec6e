import { parse } from "csv-parse/sync";
import { DateTime } from "luxon";
import { CHART_HEIGHT, CHART_WIDTH } from "../../src/views/report-charts";
import {
  GROUPS_CSV_HEADER,
  PARTICIPATION_CSV_HEADER,
  PROPOSALS_CSV_HEADER,
  REPORT_ATTENDANCE_CSV_HEADER,
  REPORT_FILES,
} from "../../src/views/report-csv";
import { expectValidBlockKit } from "../helpers/block-kit";
import { providers } from "../helpers/databases";
import { startHarness, type Harness } from "../helpers/harness";
import { seedGroup, seedProgramme, seedSession, ZONE } from "../helpers/reminder-fixtures";

const STAFF = "U0STAFF01";

/** Width and height from a PNG's signature and IHDR chunk. */
function pngSize(bytes: Buffer): { width: number; height: number } {
  expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  expect(bytes.subarray(12, 16).toString("ascii")).toBe("IHDR");
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

const csvRows = (content: Buffer) => {
  expect([...content.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  return parse(content, { bom: true }) as string[][];
};
const sorted = (rows: string[][]) => [...rows].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
const pct = (attended: number, recorded: number) => (recorded === 0 ? "" : String(Math.round((attended / recorded) * 1000) / 10));

describe.each(providers)("the participation report, on %s", (provider) => {
  let h: Harness;
  const u = { ana: "", ben: "", cara: "", fran: "" };
  let slug = "";

  beforeAll(async () => {
    h = await startHarness(provider, { CONVENE_ADMINS: STAFF });
    h.slack.addUser({ id: STAFF, name: "sofia", realName: "Sofia Staff" });
    for (const [key, realName] of [
      ["ana", "Ana Ruiz"],
      ["ben", "Ben Okafor"],
      ["cara", "Cara Diaz"],
      ["fran", "Fran Facilitator"],
    ] as const) {
      u[key] = h.slack.addUser({ name: key, realName, tz: "America/Chicago" }).id;
    }
    const db = h.convene.services.db;
    const programme = await seedProgramme(db, { announcementChannelId: null });
    slug = programme.slug;
    const math = await seedGroup(db, programme.id, { slug: "math", name: "Math teachers", channelId: null });
    const science = await seedGroup(db, programme.id, { slug: "science", name: "Science <leads>", channelId: null });
    await db.group.update({ where: { id: math.id }, data: { capacity: 2 } });
    const lycee = await db.organization.create({ data: { name: "Lycée Français", nameKey: "lycee francais" } });
    const prospect = await db.organization.create({ data: { name: 'Prospect, "Schools"', nameKey: "prospect schools" } });
    await db.organization.create({ data: { name: "Quiet Academy", nameKey: "quiet academy" } });
    const person = (id: string, name: string, organizationId: string | null) =>
      db.person.create({ data: { slackUserId: id, name, organizationId } });
    const ana = await person(u.ana, "Ana Ruiz", lycee.id);
    const ben = await person(u.ben, "Ben <Okafor>", prospect.id);
    const cara = await person(u.cara, "Cara Diaz", null);
    const fran = await person(u.fran, "Fran Facilitator", lycee.id);
    await db.facilitator.create({ data: { groupId: math.id, name: "Fran Facilitator", nameKey: "fran facilitator", personId: fran.id } });
    await db.membership.create({ data: { groupId: math.id, personId: ana.id, status: "ACTIVE" } });
    await db.membership.create({ data: { groupId: math.id, personId: ben.id, status: "ACTIVE", signedUpById: ana.id } });
    await db.membership.create({ data: { groupId: math.id, personId: cara.id, status: "WAITLISTED", waitlistedAt: new Date() } });
    await db.membership.create({ data: { groupId: science.id, personId: ana.id, status: "ACTIVE" } });
    const at = (days: number) => DateTime.now().setZone(ZONE).plus({ days }).startOf("hour").toFormat("yyyy-MM-dd'T'HH:mm");
    const m1 = await seedSession(db, { programmeId: programme.id, groupId: math.id, localStart: at(-40), title: "September" });
    const m2 = await seedSession(db, { programmeId: programme.id, groupId: math.id, localStart: at(-10), title: "October" });
    await seedSession(db, { programmeId: programme.id, groupId: math.id, localStart: at(7), title: "Still to come" });
    const s1 = await seedSession(db, { programmeId: programme.id, groupId: science.id, localStart: at(-5), title: 'Lab, "safety" first' });
    const record = (sessionId: string, personId: string, attended: boolean) =>
      db.attendance.create({ data: { sessionId, personId, attended, recordedById: fran.id } });
    await record(m1.id, ana.id, true);
    await record(m1.id, ben.id, false);
    await record(m2.id, ana.id, true);
    await record(m2.id, ben.id, true);
    await record(s1.id, ana.id, false);
    await db.rsvp.create({ data: { sessionId: m1.id, personId: ana.id, response: "GOING" } });
    await db.rsvp.create({ data: { sessionId: m1.id, personId: ben.id, response: "NOT_GOING" } });
    await db.rsvp.create({ data: { sessionId: m2.id, personId: ben.id, response: "GOING" } });
    await db.deliverable.create({
      data: {
        programmeId: programme.id,
        groupId: math.id,
        submittedById: ana.id,
        title: "Toolkit",
        kind: "TOOLKIT",
        url: "https://example.org/t",
        year: "2021-2022",
      },
    });
    const proposal = await db.proposal.create({
      data: {
        idempotencyKey: "p1",
        programmeId: programme.id,
        proposerId: ben.id,
        title: 'Equity, in "practice"',
        summary: "s",
        problem: "p",
        audience: "a",
        deliverableKind: "BLOG",
        format: "virtual",
        capacity: 20,
      },
    });
    await db.proposalReview.create({
      data: {
        proposalId: proposal.id,
        reviewerId: fran.id,
        assignedBy: STAFF,
        scores: { need: 4, plan: 3, facilitation: 5 },
        submittedAt: new Date(),
      },
    });
    await db.proposalReview.create({
      data: {
        proposalId: proposal.id,
        reviewerId: cara.id,
        assignedBy: STAFF,
        scores: { need: 2, plan: 5, facilitation: 4 },
        submittedAt: new Date(),
      },
    });
    await db.proposalReview.create({
      data: { proposalId: proposal.id, reviewerId: ana.id, assignedBy: STAFF, abstained: true, submittedAt: new Date() },
    });
  });
  beforeEach(() => h.slack.reset());
  afterEach(() => expectValidBlockKit(h.slack, [STAFF, ...Object.values(u)]));
  afterAll(() => h.stop());

  const say = (userId: string, text: string) => h.slack.sendCommand({ userId, command: "/convene", text });
  const modalText = (user: string) => JSON.stringify(h.slack.openModals(user).at(-1)?.view.blocks ?? []);

  it("opens for staff, is filled with the year so far, and sends charts and CSV files to their DM", async () => {
    await say(STAFF, "report");
    await h.slack.waitFor(() => modalText(STAFF).includes("By group"), { what: "the filled report" });
    const shown = modalText(STAFF);
    expect(shown).toContain("*People signed up*\\n2");
    expect(shown).toContain("*Sessions held*\\n3");
    expect(shown).toContain("*Attendance*\\n3 of 5 (60%)");
    expect(shown).toContain("• *Lycée Français* · 1 person in 2 groups · attended 2 of 3 (67%) · 1 deliverable · 0 proposals");
    expect(shown).toContain('• *Prospect, \\"Schools\\"* · 1 person in 1 group · attended 1 of 2 (50%) · 0 deliverables · 1 proposal');
    expect(shown).toContain("• *Quiet Academy* · 0 people in 0 groups · no attendance recorded");
    expect(shown).toContain("• *Math teachers* · 2 of 2 places taken · 1 waitlisted");
    expect(shown).toContain("2 sessions held · attended 3 of 4 (75%) · said going 2, can't make it 1 · each session: 1 · 2");
    expect(shown).toContain("*Science &lt;leads&gt;*");

    await h.slack.waitFor(() => h.slack.messages(STAFF).some((m) => (m.files ?? []).length === 6), {
      what: "the report's files in the DM",
    });
    const files = h.slack.sharedFiles();
    const file = (name: string) => {
      const f = files.find((x) => x.name.endsWith(`-${name}`));
      expect(f?.name).toMatch(new RegExp(`^${slug}-\\d{4}-\\d{2}-\\d{2}-`));
      return { ...f!, bytes: h.slack.fileContent(f!.id)! };
    };
    for (const chart of [REPORT_FILES.attendanceChart, REPORT_FILES.participationChart]) {
      const f = file(chart);
      expect(f.mimetype).toBe("image/png");
      expect(pngSize(f.bytes)).toEqual({ width: CHART_WIDTH, height: CHART_HEIGHT });
      expect(f.altText).toMatch(/chart/);
    }
    expect(file(REPORT_FILES.attendanceChart).altText).toContain("Math teachers: 3 attended over 2 sessions");
    expect(file(REPORT_FILES.participationChart).altText).toContain("Lycée Français: 1 person signed up, 2 sessions attended");

    const db = h.convene.services.db;
    const now = new Date();
    const attendance = await db.attendance.findMany({
      where: { session: { startsAt: { lte: now }, status: "SCHEDULED" } },
      include: { session: { include: { group: true, rsvps: true } }, person: { include: { organization: true } } },
    });
    const rsvpWord = { GOING: "going", NOT_GOING: "can't make it" } as const;
    const attendanceRows = csvRows(file(REPORT_FILES.attendance).bytes);
    expect(attendanceRows[0]).toEqual([...REPORT_ATTENDANCE_CSV_HEADER]);
    expect(sorted(attendanceRows.slice(1))).toEqual(
      sorted(
        attendance.map((a) => {
          const rsvp = a.session.rsvps.find((r) => r.personId === a.personId)?.response;
          return [
            a.session.group!.name,
            a.session.title,
            a.session.startsAt.toISOString(),
            a.person.name,
            a.person.organization?.name ?? "",
            a.attended ? "yes" : "no",
            rsvp ? rsvpWord[rsvp] : "",
          ];
        }),
      ),
    );

    const orgs = await db.organization.findMany({
      include: {
        people: { include: { memberships: { where: { status: "ACTIVE" } }, attendance: true, deliverables: true, proposals: true } },
      },
    });
    const participation = csvRows(file(REPORT_FILES.participation).bytes);
    expect(participation[0]).toEqual([...PARTICIPATION_CSV_HEADER]);
    const orgRow = (name: string, people: (typeof orgs)[number]["people"], standing: string) => {
      const rows = people.flatMap((p) => p.attendance);
      const attended = rows.filter((a) => a.attended).length;
      return [
        name,
        standing,
        String(people.filter((p) => p.memberships.length).length),
        String(new Set(people.flatMap((p) => p.memberships.map((m) => m.groupId))).size),
        String(attended),
        String(rows.length),
        pct(attended, rows.length),
        String(people.flatMap((p) => p.deliverables).length),
        String(people.flatMap((p) => p.proposals).length),
      ];
    };
    const unaffiliated = await db.person.findMany({
      where: { organizationId: null },
      include: { memberships: { where: { status: "ACTIVE" } }, attendance: true, deliverables: true, proposals: true },
    });
    // Cara (no organization) is only waitlisted, has no attendance and wrote nothing: no row for her.
    expect(unaffiliated.flatMap((p) => [...p.memberships, ...p.attendance, ...p.deliverables, ...p.proposals])).toEqual([]);
    expect(sorted(participation.slice(1))).toEqual(sorted(orgs.map((o) => orgRow(o.name, o.people, "member"))));
    expect(participation[1]![0]).toBe("Lycée Français");

    const groups = await db.group.findMany({
      include: { memberships: true, sessions: { where: { startsAt: { lte: now } }, include: { attendance: true, rsvps: true } } },
    });
    const groupRows = csvRows(file(REPORT_FILES.groups).bytes);
    expect(groupRows[0]).toEqual([...GROUPS_CSV_HEADER]);
    expect(sorted(groupRows.slice(1))).toEqual(
      sorted(
        groups.map((g) => {
          const rows = g.sessions.flatMap((s) => s.attendance);
          const attended = rows.filter((a) => a.attended).length;
          const rsvps = g.sessions.flatMap((s) => s.rsvps);
          return [
            g.name,
            String(g.memberships.filter((m) => m.status === "ACTIVE").length),
            g.capacity === null ? "" : String(g.capacity),
            String(g.memberships.filter((m) => m.status === "WAITLISTED").length),
            String(g.sessions.length),
            String(rsvps.filter((r) => r.response === "GOING").length),
            String(rsvps.filter((r) => r.response === "NOT_GOING").length),
            String(attended),
            String(rows.length),
            pct(attended, rows.length),
          ];
        }),
      ),
    );

    expect(csvRows(file(REPORT_FILES.proposals).bytes)).toEqual([
      [...PROPOSALS_CSV_HEADER],
      ['Equity, in "practice"', "Ben <Okafor>", 'Prospect, "Schools"', "submitted", expect.any(String), "2", "1", "3", "4", "4.5", "3.83"],
    ]);

    const dm = h.slack.messages(STAFF).find((m) => (m.files ?? []).length === 6)!;
    expect(dm.text).toContain("the participation report to");
    expect(await db.auditLog.count({ where: { actor: STAFF, action: "report.view" } })).toBe(1);
    expect(await db.auditLog.count({ where: { actor: STAFF, action: "report.export" } })).toBe(1);
  });

  it("names the programme by slug and refuses one that does not exist", async () => {
    const res = await say(STAFF, "report astronomy-1999");
    expect(JSON.stringify(res.body)).toContain('There is no programme \\"astronomy-1999\\"');
    expect(h.slack.openModals(STAFF)).toEqual([]);
    await say(STAFF, `report ${slug}`);
    await h.slack.waitFor(() => modalText(STAFF).includes("By group"), { what: "the report by slug" });
  });

  it("refuses a member and a facilitator, with the reason, and opens or sends nothing", async () => {
    const before = await h.convene.services.db.auditLog.count({ where: { action: { startsWith: "report." } } });
    for (const user of [u.ana, u.fran]) {
      const res = await say(user, "report");
      expect(JSON.stringify(res.body)).toContain("Only coalition staff can use `/convene report`.");
      expect(h.slack.openModals(user)).toEqual([]);
      expect(h.slack.messages(user)).toEqual([]);
    }
    expect(h.slack.sharedFiles()).toEqual([]);
    expect(await h.convene.services.db.auditLog.count({ where: { action: { startsWith: "report." } } })).toBe(before);
  });
});
