import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { cliOn } from "../helpers/cli";
import { openTestDb, providers, type TestDb } from "../helpers/databases";

const examples = path.join(__dirname, "..", "..", "examples");
const dir = mkdtempSync(path.join(tmpdir(), "convene-cli-"));

describe.each(providers)("import and export commands on %s", (provider) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await openTestDb(provider);
  });
  afterAll(() => t.close());

  const cli = (...argv: string[]) => cliOn(t, argv);

  it("prints the plan on --dry-run and writes nothing", async () => {
    const { code, output } = await cli("import", path.join(examples, "working-groups.yaml"), "--dry-run");
    expect(code).toBe(0);
    expect(output).toContain("+ group housing-and-schools (Housing and Schools Policy)");
    expect(output).toMatch(
      /Programme working-groups-2024-2025: \d+ to create, 0 to update, 0 to delete\.\nDry run: nothing was written\.$/,
    );
    expect(await t.db.programme.count()).toBe(0);
  });

  it("imports a file, then finds nothing to change", async () => {
    const file = path.join(examples, "working-groups.yaml");
    expect((await cli("import", file)).code).toBe(0);
    expect(await t.db.group.count()).toBe(3);
    expect(await cli("import", file)).toEqual({
      code: 0,
      output: "No changes: programme working-groups-2024-2025 already matches the file.",
    });
  });

  it("rejects a bad file with FILE:LINE:COL: reason and writes nothing", async () => {
    const bad = path.join(dir, `bad-${provider}.yaml`);
    const text = readFileSync(path.join(examples, "working-groups.yaml"), "utf8")
      .replace("timezone: America/New_York", "timezone: America/Atlantis")
      .replace("    capacity: 30\n", "    capacity: 30\n    capacty: 31\n");
    writeFileSync(bad, text);
    const lines = text.split("\n");
    const zoneLine = lines.findIndex((l) => l.startsWith("timezone:")) + 1;
    const typoLine = lines.findIndex((l) => l.includes("capacty")) + 1;
    const before = await t.db.auditLog.count();
    expect(await cli("import", bad)).toEqual({
      code: 1,
      output: [
        `${bad}:${zoneLine}:11: timezone: is not an IANA time zone such as America/New_York`,
        `${bad}:${typoLine}:5: groups[0].capacty: unknown key "capacty" (did you mean "capacity"?)`,
        `${bad}: nothing was imported; 2 problems to fix.`,
      ].join("\n"),
    });
    expect(await t.db.auditLog.count()).toBe(before);
  });

  it("exports to a file that imports with no changes", async () => {
    const out = path.join(dir, `export-${provider}.yaml`);
    expect(await cli("export", "working-groups-2024-2025", "--out", out)).toEqual({ code: 0, output: `Wrote ${out}.` });
    expect((await cli("import", out)).output).toBe("No changes: programme working-groups-2024-2025 already matches the file.");
    const printed = await cli("export", "working-groups-2024-2025");
    expect(`${printed.output}\n`).toBe(readFileSync(out, "utf8"));
  });

  it("says so when a file or programme is missing", async () => {
    expect(await cli("export", "nothing-here")).toEqual({ code: 1, output: 'There is no programme "nothing-here".' });
    const missing = path.join(dir, "missing.yaml");
    expect(await cli("import", missing)).toEqual({ code: 1, output: `${missing}: cannot read the file (ENOENT).` });
  });
});
