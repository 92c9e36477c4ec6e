import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

const src = path.join(__dirname, "..", "src");

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    return statSync(p).isDirectory() ? files(p) : p.endsWith(".ts") ? [p] : [];
  });
}

const importsOf = (file: string) =>
  [...readFileSync(file, "utf8").matchAll(/(?:import|export)[^'"]*?from\s+["']([^"']+)["']|require\(["']([^"']+)["']\)/g)].map(
    (m) => m[1] ?? m[2]!,
  );

/** Repositories: the only modules that talk to Prisma. */
const isRepository = (rel: string) => rel.startsWith(`db${path.sep}`) || /^outbox[\\/][^\\/]*repository\.ts$/.test(rel);

/** Every way a module breaks the data layer's rules, as "file: what". `rel` is relative to src/. */
function dataLayerViolations(rel: string, source: string): string[] {
  if (rel.startsWith(`generated${path.sep}`)) return [];
  const found: string[] = [];
  const specs = [...source.matchAll(/(?:import|export)[^'"]*?from\s+["']([^"']+)["']|require\(["']([^"']+)["']\)/g)].map(
    (m) => m[1] ?? m[2]!,
  );
  if (isRepository(rel)) {
    // A repository returns its own record types: what a view shows is the service's business.
    for (const spec of specs) if (/(^|\/)(views|services|slack)\//.test(spec)) found.push(`${rel} imports ${spec}`);
    return found;
  }
  for (const spec of specs) if (/^@prisma\/|(^|\/)generated\//.test(spec)) found.push(`${rel} imports ${spec}`);
  // `db.person.findMany(…)`, `tx.delivery.updateMany(…)`: a query belongs in a repository.
  for (const m of source.matchAll(/\b(?:db|tx)\.(?!\$)[a-zA-Z]+\.(?:find|create|update|delete|upsert|count|aggregate|groupBy)[a-zA-Z]*\(/g))
    found.push(`${rel} queries ${m[0]}…`);
  return found;
}

describe("the layers hold", () => {
  it("repositories import no views, services or Slack; only repositories import Prisma or query it", () => {
    const offending = files(src).flatMap((file) => dataLayerViolations(path.relative(src, file), readFileSync(file, "utf8")));
    expect(offending).toEqual([]);
  });

  it("use cases reach the outbox only to write to it: the sending side (runner, senders, pacer) calls services, never the reverse", () => {
    const writeSide = /^\.\.\/outbox\/(enqueue|delivery-repository|posted-message)$/;
    const offending = files(path.join(src, "services")).flatMap((file) =>
      importsOf(file)
        .filter((spec) => spec.startsWith("../outbox/") && !writeSide.test(spec))
        .map((spec) => `${path.relative(src, file)} imports ${spec}`),
    );
    expect(offending).toEqual([]);
  });

  it.each([
    [path.join("db", "group-repository.ts"), 'import type { GroupCard } from "../views/group-card";'],
    [path.join("outbox", "delivery-repository.ts"), 'import { syncGroupChannel } from "../services/channel-service";'],
    [path.join("services", "people-service.ts"), 'import type { Person } from "../generated/sqlite/client";'],
    [path.join("slack", "reader.ts"), 'import { PrismaClient } from "@prisma/client";'],
    [path.join("services", "rsvp-service.ts"), "const n = await services.db.person.count({ where: {} });"],
    [path.join("outbox", "follow-ups.ts"), "await tx.delivery.updateMany({ where: { id } });"],
  ])("the rule catches a breach: %s with `%s`", (rel, line) => {
    expect(dataLayerViolations(rel, line)).not.toEqual([]);
  });

  it.each(["domain", "views"])("src/%s imports neither Bolt, the Web API client, Prisma nor the layers above it", (layer) => {
    const offending = files(path.join(src, layer)).flatMap((file) =>
      importsOf(file)
        .filter((spec) =>
          /^@slack\/(bolt|web-api)$|^@prisma\/|generated\/|^\.\.\/(db|outbox|services|slack|scheduler|cli|http)\b/.test(spec),
        )
        .map((spec) => `${path.relative(src, file)} imports ${spec}`),
    );
    expect(offending).toEqual([]);
  });

  it("nothing but src/config.ts reads process.env (the entry points hand it over)", () => {
    // migrate.ts passes the environment through to the Prisma CLI it runs (PATH, HOME).
    const allowed = new Set(["config.ts", "main.ts", path.join("cli", "main.ts"), path.join("db", "migrate.ts")]);
    const offending = files(src)
      .filter((file) => !allowed.has(path.relative(src, file)) && !file.includes(`${path.sep}generated${path.sep}`))
      .filter((file) => /process\.env\b/.test(readFileSync(file, "utf8")))
      .map((file) => path.relative(src, file));
    expect(offending).toEqual([]);
  });

  it("every listener module in src/slack/listeners is registered in its index", () => {
    const dir = path.join(src, "slack", "listeners");
    const index = readFileSync(path.join(dir, "index.ts"), "utf8");
    const modules = files(dir)
      .filter((f) => !f.endsWith("index.ts"))
      .map((f) => `./${path.relative(dir, f).replace(/\.ts$/, "")}`);
    expect(modules.filter((m) => !index.includes(`"${m}"`))).toEqual([]);
  });

  it("every modal submission goes through onViewSubmission, so a double click gets the first click's answer", () => {
    const offending = files(path.join(src, "slack"))
      // listener-router.ts is beneath them all: it registers the one Bolt view listener they share.
      .filter((file) => !/(modal-flow|listener-router)\.ts$/.test(file) && /\bapp\.view\(/.test(readFileSync(file, "utf8")))
      .map((file) => path.relative(src, file));
    expect(offending).toEqual([]);
  });
});

describe("Slack's mrkdwn", () => {
  it("is escaped in usage hints: a placeholder like <name> is written &lt;name&gt;, or Slack would take it for a link", () => {
    // Slack reads <…> as a link, mention or date; any other must be escaped (Slack's "Escaping text" guide).
    const raw = /["'`][^"'`\n]*\/convene[^"'`\n]*<(?![@#!]|https?:|mailto:)[a-zA-Z][^>\n]*>/;
    const offending = ["views", "slack", "services"].flatMap((layer) =>
      files(path.join(src, layer)).flatMap((file) =>
        readFileSync(file, "utf8")
          .split("\n")
          .flatMap((line, i) => (!/^\s*(\/\/|\*|\/\*\*)/.test(line) && raw.test(line) ? [`${path.relative(src, file)}:${i + 1}`] : [])),
      ),
    );
    expect(offending).toEqual([]);
  });

  it("writes every <url|label> link through slackLink (src/views/message.ts), which encodes its target", () => {
    const handMade = /<\$\{[^}]*\}\|/;
    const offending = ["views", "slack", "services"].flatMap((layer) =>
      files(path.join(src, layer))
        .filter((file) => path.relative(src, file) !== path.join("views", "message.ts"))
        .flatMap((file) =>
          readFileSync(file, "utf8")
            .split("\n")
            .flatMap((line, i) => (handMade.test(line) ? [`${path.relative(src, file)}:${i + 1}`] : [])),
        ),
    );
    expect(offending).toEqual([]);
  });
});

describe("the unit project", () => {
  // Helpers that open a database or start Convene: a unit test must reach none of them, not even through another helper.
  const needsDatabase = /helpers[\\/](databases|harness|convene-main|signup-fixtures|proposal-fixtures|reminder-fixtures|cop-example)\.ts$/;
  const testDir = path.join(__dirname);
  const unitGlobs: string[] = require("../jest.config.js").projects.find(
    (p: { displayName: string }) => p.displayName === "unit",
  ).testMatch;
  const unitFiles = files(testDir)
    .filter((f) => f.endsWith(".test.ts"))
    .filter((f) =>
      unitGlobs.some((glob) => {
        const rel = glob.replace("<rootDir>/", "");
        const abs = path.join(testDir, "..", rel.replace("/**/*.test.ts", ""));
        return rel.endsWith("/**/*.test.ts") ? f.startsWith(abs + path.sep) : f === abs;
      }),
    );

  /** The test files and helpers a file reaches through relative imports inside test/. */
  function reached(file: string, seen = new Set<string>()): Set<string> {
    if (seen.has(file)) return seen;
    seen.add(file);
    for (const spec of importsOf(file).filter((s) => s.startsWith("."))) {
      const target = path.resolve(path.dirname(file), spec);
      if (!target.startsWith(testDir)) continue;
      const ts = [target, `${target}.ts`, path.join(target, "index.ts")].find((t) => existsSync(t) && statSync(t).isFile());
      if (ts) reached(ts, seen);
    }
    return seen;
  }

  it("runs the pure tables of domain and views, among others", () => {
    expect(unitFiles.some((f) => f.includes(`${path.sep}domain${path.sep}`))).toBe(true);
    expect(unitFiles.some((f) => f.includes(`${path.sep}views${path.sep}`))).toBe(true);
  });

  it("would see a breach: an end-to-end test reaches the harness through its imports", () => {
    expect([...reached(path.join(testDir, "e2e", "rsvp.test.ts"))].some((h) => needsDatabase.test(h))).toBe(true);
  });

  it("needs no database: no unit test reaches a helper that opens one or starts Convene", () => {
    const offending = unitFiles.flatMap((f) =>
      [...reached(f)].filter((h) => needsDatabase.test(h)).map((h) => `${path.relative(testDir, f)} reaches ${path.relative(testDir, h)}`),
    );
    expect(offending).toEqual([]);
  });
});
