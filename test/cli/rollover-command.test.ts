import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { cliOn } from "../helpers/cli";
import { openTestDb, providers, type TestDb } from "../helpers/databases";

const example = path.join(__dirname, "..", "..", "examples", "cop-2021-2022.yaml");
const dir = mkdtempSync(path.join(tmpdir(), "convene-rollover-"));

describe.each(providers)("the rollover command on %s", (provider) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await openTestDb(provider);
  });
  afterAll(() => t.close());

  const cli = (...argv: string[]) => cliOn(t, argv);

  it("shows next year's dates on --dry-run and writes nothing", async () => {
    expect((await cli("import", example)).code).toBe(0);
    const before = await t.db.programme.count();
    const { code, output } = await cli("rollover", "cop-2021-2022", "--to", "cop-2022-2023", "--dry-run");
    expect(code).toBe(0);
    expect(output).toContain("Every date moves 52 weeks (364 days) later, to the same weekday, into the 2022-2023 school year.");
    expect(output).toContain("kickoff (CoP Year 3 Kickoff): Wed 2021-10-13 -> Wed 2022-10-12");
    expect(output).toContain("closeout (June Deliverable Presentation + Close-out): Wed 2022-06-15 -> Wed 2023-06-14");
    expect(output).toContain(
      "Groups left behind: Trauma-Informed Practices to Support ALL Students, Disrupt Bias in Educator Talent Decisions",
    );
    expect(output).toContain(
      "Channels, created when the new programme is applied: #cop-announcements-2022-23, #cop-got-justice-2022-23, #cop-roots-connected-2022-23.",
    );
    expect(output).toContain("+ group got-justice (Got Justice? Creating and Sustaining Equitable School Culture)");
    expect(output).toMatch(/Dry run: nothing was written\.$/);
    expect(await t.db.programme.count()).toBe(before);
  });

  it("applied, leaves last year as it was, and the new year exports and imports cleanly", async () => {
    const lastYear = await cli("export", "cop-2021-2022");
    const { code, output } = await cli("rollover", "cop-2021-2022", "--to", "cop-2022-2023");
    expect(code).toBe(0);
    expect(output).toContain("Started cop-2022-2023.");
    expect(await cli("export", "cop-2021-2022")).toEqual(lastYear);

    const file = path.join(dir, `next-${provider}.yaml`);
    expect((await cli("export", "cop-2022-2023", "--out", file)).code).toBe(0);
    expect(await cli("import", file)).toEqual({ code: 0, output: "No changes: programme cop-2022-2023 already matches the file." });
    const exported = (await cli("export", "cop-2022-2023")).output;
    expect(exported).toContain("slug: cop-2022-2023");
    expect(exported).toContain("continuing: true");
    expect(exported).toContain("date: 2022-10-12");
    const groups = await t.db.group.findMany({
      where: { programme: { slug: "cop-2022-2023" } },
      include: { facilitators: true },
      orderBy: { slug: "asc" },
    });
    expect(groups.map((g) => [g.slug, g.channelName, g.channelId, g.facilitators.map((f) => f.name)])).toEqual([
      ["got-justice", "cop-got-justice-2022-23", null, ["Dwight Thomas"]],
      ["roots-connected", "cop-roots-connected-2022-23", null, ["Sahba Rohani"]],
    ]);
  });

  it("refuses a name that is taken, or a programme that does not exist", async () => {
    expect(await cli("rollover", "cop-2021-2022", "--to", "cop-2022-2023")).toEqual({
      code: 1,
      output: 'cop-2021-2022: nothing was written.\nA programme "cop-2022-2023" exists already: choose another name for next year.',
    });
    expect(await cli("rollover", "nope", "--to", "nope-2")).toEqual({
      code: 1,
      output: 'nope: nothing was written.\nThere is no programme "nope".',
    });
    expect((await cli("rollover", "cop-2021-2022")).code).toBe(2);
  });
});
