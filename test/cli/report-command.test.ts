import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parse } from "csv-parse/sync";
import { CHART_HEIGHT, CHART_WIDTH } from "../../src/views/report-charts";
import { REPORT_ATTENDANCE_CSV_HEADER, REPORT_FILES } from "../../src/views/report-csv";
import { cliOn } from "../helpers/cli";
import { openTestDb, providers, type TestDb } from "../helpers/databases";
import { seedGroup, seedProgramme, seedSession } from "../helpers/reminder-fixtures";

describe.each(providers)("the report command on %s", (provider) => {
  let t: TestDb;
  let slug = "";
  beforeAll(async () => {
    t = await openTestDb(provider);
    const db = t.db;
    const programme = await seedProgramme(db, { announcementChannelId: null });
    slug = programme.slug;
    const group = await seedGroup(db, programme.id, { slug: "math", name: "Math teachers", channelId: null });
    const org = await db.organization.create({ data: { name: "Lycée Français", nameKey: "lycee francais" } });
    const people = await Promise.all(
      ["Ana", "Ben", "Cara"].map((name, i) =>
        db.person.create({ data: { slackUserId: `U0CLI${i}`, name, organizationId: i < 2 ? org.id : null } }),
      ),
    );
    for (const p of people) await db.membership.create({ data: { groupId: group.id, personId: p.id, status: "ACTIVE" } });
    for (const [i, local] of ["2021-10-13T15:00", "2021-11-10T15:00"].entries()) {
      const session = await seedSession(db, { programmeId: programme.id, groupId: group.id, localStart: local, title: `Session ${i + 1}` });
      for (const [k, p] of people.entries())
        await db.attendance.create({ data: { sessionId: session.id, personId: p.id, attended: (i + k) % 2 === 0, recordedById: p.id } });
    }
  });
  afterAll(() => t.close());

  const cli = (...argv: string[]) => cliOn(t, argv);

  it("writes the CSV files and the PNG charts into the folder, and records the export", async () => {
    const dir = path.join(mkdtempSync(path.join(tmpdir(), "convene-report-")), "out");
    const { code, output } = await cli("report", slug, "--out", dir, "--at", "2022-01-01T00:00:00Z");
    expect(code).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(Object.values(REPORT_FILES).sort());
    expect(output).toContain(`Wrote ${path.join(dir, REPORT_FILES.attendance)}`);
    for (const chart of [REPORT_FILES.attendanceChart, REPORT_FILES.participationChart]) {
      const png = readFileSync(path.join(dir, chart));
      expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
      expect(png.subarray(12, 16).toString("ascii")).toBe("IHDR");
      expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([CHART_WIDTH, CHART_HEIGHT]);
    }
    const rows = parse(readFileSync(path.join(dir, REPORT_FILES.attendance)), { bom: true }) as string[][];
    expect(rows[0]).toEqual([...REPORT_ATTENDANCE_CSV_HEADER]);
    expect(rows).toHaveLength(1 + (await t.db.attendance.count()));
    expect(rows.filter((r) => r[4] === "Lycée Français")).toHaveLength(4);
    expect(await t.db.auditLog.count({ where: { actor: "cli", action: "report.export" } })).toBe(1);
  });

  it("prints the figures as JSON, as of the day given", async () => {
    const { code, output } = await cli("report", slug, "--format", "json", "--at", "2021-11-01T00:00:00Z");
    expect(code).toBe(0);
    const report = JSON.parse(output);
    expect(report.totals).toMatchObject({ people: 3, groups: 1, sessionsHeld: 1, attended: 2, recorded: 3 });
    expect(report.organizations[0]).toMatchObject({ name: "Lycée Français", people: 2, attended: 1, recorded: 2 });
    expect(report.groups[0].sessions).toEqual([expect.objectContaining({ title: "Session 1", attended: 2, recorded: 3 })]);
    expect(await t.db.auditLog.count({ where: { actor: "cli", action: "report.view" } })).toBe(1);
  });

  it("refuses a missing folder or format, and a programme that does not exist", async () => {
    expect((await cli("report", slug)).code).toBe(2);
    expect((await cli("report", slug, "--format", "xml", "--out", "x")).code).toBe(2);
    expect(await cli("report", "nope-1999", "--format", "json")).toEqual({ code: 1, output: 'There is no programme "nope-1999".' });
  });
});
