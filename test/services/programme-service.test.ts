import { readFileSync } from "node:fs";
import path from "node:path";
import { parseProgrammeFile, type ProgrammeSpec } from "../../src/domain/programme-file";
import { exportProgramme, importProgramme } from "../../src/services/programme-service";
import { openTestDb, providers, type TestDb } from "../helpers/databases";
import { normalised } from "../helpers/programme-spec";

const example = (name: string) => readFileSync(path.join(__dirname, "..", "..", "examples", name), "utf8");
const cop = example("cop-2021-2022.yaml");
const now = new Date("2021-05-01T12:00:00Z");

function specOf(text: string): ProgrammeSpec {
  const result = parseProgrammeFile(text);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.programme;
}

async function imported(db: TestDb["db"], text: string, dryRun = false) {
  const result = await importProgramme(db, text, { now, dryRun });
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result;
}

async function counts(db: TestDb["db"]) {
  return {
    programmes: await db.programme.count(),
    organizations: await db.organization.count(),
    domains: await db.organizationDomain.count(),
    groups: await db.group.count(),
    facilitators: await db.facilitator.count(),
    series: await db.sessionSeries.count(),
    sessions: await db.session.count(),
    featured: await db.sessionFeaturedGroup.count(),
    deadlines: await db.deadline.count(),
    blackouts: await db.blackout.count(),
    reminderRules: await db.reminderRule.count(),
    audit: await db.auditLog.count(),
  };
}

describe.each(providers)("importing and exporting programme files on %s", (provider) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await openTestDb(provider);
  });
  afterAll(() => t.close());

  it("imports the CoP example once, and a second import changes nothing", async () => {
    const first = await imported(t.db, cop);
    expect(first.applied).toBe(true);
    const after = await counts(t.db);
    expect(after).toEqual({
      programmes: 1,
      organizations: 6,
      domains: 6,
      groups: 4,
      facilitators: 6,
      series: 4,
      // 4 groups x 8 virtual sessions, and 6 timeline sessions for every group.
      sessions: 38,
      featured: 8,
      deadlines: 3,
      blackouts: 1,
      reminderRules: 4,
      audit: 1,
    });

    const second = await imported(t.db, cop);
    expect(second.applied).toBe(false);
    expect(second.lines).toEqual(["No changes: programme cop-2021-2022 already matches the file."]);
    expect(await counts(t.db)).toEqual(after);
  });

  it("stores every timeline item once, at its wall-clock time in its zone", async () => {
    const programme = await t.db.programme.findUniqueOrThrow({ where: { slug: "cop-2021-2022" } });
    expect(programme.signupOpensAt?.toISOString()).toBe("2021-06-01T04:00:00.000Z");
    expect(programme.signupClosesAt?.toISOString()).toBe("2021-10-02T03:59:00.000Z");
    expect(programme.proposalsDueAt?.toISOString()).toBe("2021-05-01T03:59:00.000Z");
    expect(programme.calendarToken).toMatch(/^[A-Za-z0-9_-]{32}$/);

    const timeline = await t.db.session.findMany({
      where: { groupId: null },
      orderBy: { startsAt: "asc" },
      include: { featuredGroups: { include: { group: true } } },
    });
    expect(timeline.map((s) => [s.key, s.localStart, s.timezone, s.startsAt.toISOString()])).toEqual([
      ["deliverables-1", "2021-06-01T15:00", "America/New_York", "2021-06-01T19:00:00.000Z"],
      ["deliverables-2", "2021-06-08T15:00", "America/New_York", "2021-06-08T19:00:00.000Z"],
      ["facilitator-orientation", "2021-07-08T13:00", "America/New_York", "2021-07-08T17:00:00.000Z"],
      ["kickoff", "2021-10-13T15:00", "America/New_York", "2021-10-13T19:00:00.000Z"],
      ["kansas-city", "2022-01-27T09:00", "America/Chicago", "2022-01-27T15:00:00.000Z"],
      ["closeout", "2022-06-15T15:00", "America/New_York", "2022-06-15T19:00:00.000Z"],
    ]);
    expect(timeline[0]!.featuredGroups.map((f) => f.group.slug).sort()).toEqual(["got-justice", "trauma-informed"]);

    const november = await t.db.session.findMany({ where: { localStart: { startsWith: "2021-11-10" } }, include: { group: true } });
    expect(november.map((s) => s.group?.slug).sort()).toEqual(["disrupt-bias", "got-justice", "roots-connected", "trauma-informed"]);

    const roots = await t.db.group.findFirstOrThrow({ where: { slug: "roots-connected" } });
    expect([roots.status, roots.kind, roots.channelName, roots.channelId, roots.nameKey]).toEqual([
      "CLOSED",
      "COP",
      "cop-roots-connected",
      null,
      "roots connected anti-bias and social justice institute follow-up coaching",
    ]);
  });

  it("applies only an edited session's change and bumps its sequence", async () => {
    const before = await t.db.session.findMany({ orderBy: { key: "asc" } });
    const edited = cop.replace("    time: 15:00-16:30\n    date: 2021-10-13", "    time: 16:00-17:30\n    date: 2021-10-13");
    expect(edited).not.toBe(cop);

    const dry = await imported(t.db, edited, true);
    expect(dry.applied).toBe(false);
    expect(dry.lines).toEqual([
      '~ session kickoff: localStart: "2021-10-13T15:00" -> "2021-10-13T16:00" (sequence 1)',
      "Programme cop-2021-2022: 0 to create, 1 to update, 0 to delete.",
    ]);
    expect(await t.db.session.findMany({ orderBy: { key: "asc" } })).toEqual(before);

    await imported(t.db, edited);
    const after = await t.db.session.findMany({ orderBy: { key: "asc" } });
    const changed = after.filter((s, i) => JSON.stringify(s) !== JSON.stringify(before[i]));
    expect(
      changed.map((s) => [s.key, s.id === before.find((b) => b.key === s.key)!.id, s.localStart, s.startsAt.toISOString(), s.sequence]),
    ).toEqual([["kickoff", true, "2021-10-13T16:00", "2021-10-13T20:00:00.000Z", 1]]);
  });

  it("rejects a bad file and writes nothing", async () => {
    const before = await counts(t.db);
    const result = await importProgramme(
      t.db,
      cop.replace("date: 2021-10-13", "date: 2021-02-30").replace("slug: cop-2021-2022", "slug: other"),
      { now },
    );
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors.map((e) => [e.path, e.message])).toEqual([
      [expect.stringMatching(/^sessions\[\d+\]\.date$/), "is not a date on the calendar"],
    ]);
    expect(await counts(t.db)).toEqual(before);
  });

  it("refuses to delete a group people have joined, and writes nothing", async () => {
    const file = (groups: string) => `slug: small\nname: Small\nkind: working_groups\ntimezone: America/New_York\ngroups:\n${groups}`;
    await imported(t.db, file("  - { slug: kept, name: Kept }\n  - { slug: joined, name: Joined }\n"));
    const group = await t.db.group.findFirstOrThrow({ where: { slug: "joined" } });
    const person = await t.db.person.create({ data: { slackUserId: "U0MEMBER1", name: "Member" } });
    await t.db.membership.create({ data: { groupId: group.id, personId: person.id, status: "ACTIVE" } });
    const before = await counts(t.db);
    await expect(importProgramme(t.db, file("  - { slug: kept, name: Kept }\n"), { now })).rejects.toThrow(
      'Group joined has 1 member(s) and cannot be removed: keep it with "signups: ended" instead.',
    );
    expect(await counts(t.db)).toEqual(before);
    const dry = await imported(t.db, file("  - { slug: kept, name: Kept }\n"), true);
    expect(dry.lines).toContain("- group joined (Joined)");
  });

  it("moves an organization's domains and leaves unlisted organizations alone", async () => {
    const moved = cop
      .replace("domains: [clicharter.org]", "domains: [clicharter.org, prospectschools.org]")
      .replace("domains: [prospectschools.org]", "domains: [prospect.org]");
    await imported(t.db, moved);
    const domains = await t.db.organizationDomain.findMany({ include: { organization: true }, orderBy: { domain: "asc" } });
    expect(domains.filter((d) => /prospect|clicharter/.test(d.domain)).map((d) => [d.domain, d.organization.name])).toEqual([
      ["clicharter.org", "City Language Immersion Charter"],
      ["prospect.org", "Prospect Schools"],
      ["prospectschools.org", "City Language Immersion Charter"],
    ]);
    await imported(t.db, cop);
  });

  it.each(["cop-2021-2022.yaml", "working-groups.yaml"])("exports %s losslessly: re-importing the export changes nothing", async (name) => {
    const original = example(name);
    await imported(t.db, original);
    const slug = specOf(original).slug;
    const exported = await exportProgramme(t.db, slug);
    // Organizations are coalition-wide, so an export lists those other programmes brought too.
    const listed = new Set(specOf(original).organizations.map((o) => o.name));
    const reread = specOf(exported);
    expect(normalised({ ...reread, organizations: reread.organizations.filter((o) => listed.has(o.name)) })).toEqual(
      normalised(specOf(original)),
    );
    const again = await imported(t.db, exported);
    expect(again.lines).toEqual([`No changes: programme ${slug} already matches the file.`]);
  });

  it("keeps a channel Slack created when the file only asks for it by name", async () => {
    await t.db.group.updateMany({ where: { slug: "trauma-informed" }, data: { channelId: "C0CREATED1" } });
    const result = await imported(t.db, cop);
    expect(result.applied).toBe(false);
    const linked = cop.replace("channel: { create: cop-trauma-informed }", "channel: { link: C0LINKED01 }");
    await imported(t.db, linked);
    const group = await t.db.group.findFirstOrThrow({ where: { slug: "trauma-informed" } });
    expect([group.channelName, group.channelId]).toEqual([null, "C0LINKED01"]);
  });

  it("says which programme is missing on export", async () => {
    await expect(exportProgramme(t.db, "no-such-programme")).rejects.toThrow('There is no programme "no-such-programme".');
  });
});
