/**
 * A programme file is input like any other (issue #13, findings 1 and 7): each field is capped at
 * what the Slack surfaces showing it accept, the file's size is capped before it is parsed, NUL
 * and links that would break Slack's markup are refused, each with one FILE:LINE:COL error, and
 * nothing is written. An import that drops over a thousand groups and sessions works on both databases.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { cliOn } from "../helpers/cli";
import { openTestDb, providers, type TestDb } from "../helpers/databases";

const dir = mkdtempSync(path.join(tmpdir(), "convene-limits-"));

const HEAD = "slug: big\nname: Big programme\nkind: working_groups\ntimezone: America/New_York\n";
const groupsYaml = (n: number) => `groups:\n${Array.from({ length: n }, (_, i) => `  - slug: g${i}\n    name: Group ${i}\n`).join("")}`;
const sessionsYaml = (n: number) =>
  `sessions:\n${Array.from({ length: n }, (_, i) => `  - key: s${i}\n    title: Session ${i}\n    group: g${i}\n    date: 2025-01-15\n    time: "15:00-16:00"\n`).join("")}`;

describe.each(providers)("importing a programme file within limits, on %s", (provider) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await openTestDb(provider);
  });
  afterAll(() => t.close());

  const cli = (...argv: string[]) => cliOn(t, argv);
  const fileWith = (name: string, text: string) => {
    const file = path.join(dir, `${name}-${provider}.yaml`);
    writeFileSync(file, text);
    return file;
  };
  /** Runs an import expected to fail and checks it wrote nothing. */
  async function refused(file: string) {
    const before = await Promise.all([t.db.programme.count(), t.db.auditLog.count()]);
    const result = await cli("import", file);
    expect(result.code).toBe(1);
    expect(await Promise.all([t.db.programme.count(), t.db.auditLog.count()])).toEqual(before);
    return result.output;
  }

  it("refuses a group name longer than Slack shows, naming the limit at its line", async () => {
    const file = fileWith("long-name", `${HEAD}groups:\n  - slug: huge\n    name: ${"x".repeat(200_000)}\n`);
    expect(await refused(file)).toBe(
      [
        `${file}:7:11: groups[0].name: must be at most 150 characters (Slack shows a name in headers of at most 150); this one has 200,000`,
        `${file}: nothing was imported; 1 problem to fix.`,
      ].join("\n"),
    );
  });

  it("refuses a file larger than the cap before reading it as YAML", async () => {
    const file = fileWith("huge", `${HEAD}description: "${"y".repeat(3 * 1024 * 1024)}"\n`);
    const started = Date.now();
    expect(await refused(file)).toBe(`${file}: nothing was imported: the file is 3.0 MB, and a programme file may be at most 2 MB.`);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it("refuses a NUL character with its place, rather than failing in the database", async () => {
    const file = fileWith("nul", `${HEAD}groups:\n  - slug: a\n    name: "Bad\\0name"\n`);
    expect(await refused(file)).toBe(
      [`${file}:7:11: groups[0].name: must not contain a NUL character (\\0)`, `${file}: nothing was imported; 1 problem to fix.`].join(
        "\n",
      ),
    );
    const raw = fileWith("nul-raw", `${HEAD}description: Bad\u0000text\n`);
    expect(await refused(raw)).toBe(
      [`${raw}:5:17: the file contains a NUL character, which no field may hold`, `${raw}: nothing was imported; 1 problem to fix.`].join(
        "\n",
      ),
    );
  });

  it("refuses a meeting link that would break out of Slack's link syntax", async () => {
    const file = fileWith(
      "link",
      `${HEAD}groups:\n  - slug: a\n    name: A\nsessions:\n  - key: s\n    title: S\n    group: a\n    date: 2025-01-15\n    time: "15:00-16:00"\n    meeting_url: "https://evil.example/|Official-Zoom><!channel>"\n`,
    );
    expect(await refused(file)).toBe(
      [`${file}:14:18: sessions[0].meeting_url: must not contain |, < or >`, `${file}: nothing was imported; 1 problem to fix.`].join("\n"),
    );
  });

  it("drops 1,000 groups and their sessions in one import, and dry-runs it first", async () => {
    const big = fileWith("big", `${HEAD}${groupsYaml(1000)}${sessionsYaml(1000)}`);
    expect((await cli("import", big)).code).toBe(0);
    expect(await t.db.group.count({ where: { programme: { slug: "big" } } })).toBe(1000);
    expect(await t.db.session.count({ where: { programme: { slug: "big" } } })).toBe(1000);

    const empty = fileWith("empty", HEAD);
    const dry = await cli("import", empty, "--dry-run");
    expect(dry.output).toContain("0 to create, 0 to update, 2000 to delete");
    const applied = await cli("import", empty);
    expect(applied).toMatchObject({ code: 0 });
    expect(await t.db.group.count({ where: { programme: { slug: "big" } } })).toBe(0);
    expect(await t.db.session.count({ where: { programme: { slug: "big" } } })).toBe(0);
  }, 120_000);
});
