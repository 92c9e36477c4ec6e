import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { LocalSlack } from "../../src/local-slack";
import { until } from "../helpers/convene-main";

const root = path.join(__dirname, "..", "..");

interface Instruction {
  op: string;
  args: string;
}

/** The Dockerfile's instructions by stage, with continuation lines joined and comments dropped. */
function stagesOf(dockerfile: string): { name: string | undefined; instructions: Instruction[] }[] {
  const joined = dockerfile.replace(/\\\n/g, " ");
  const stages: { name: string | undefined; instructions: Instruction[] }[] = [];
  for (const line of joined.split("\n").map((l) => l.trim())) {
    if (!line || line.startsWith("#")) continue;
    const [, op, args] = /^(\w+)\s+(.*)$/.exec(line)!;
    if (op!.toUpperCase() === "FROM") stages.push({ name: /\bAS\s+(\S+)/i.exec(args!)?.[1], instructions: [] });
    else stages.at(-1)!.instructions.push({ op: op!.toUpperCase(), args: args! });
  }
  return stages;
}

/** `.dockerignore` as Docker applies it to this context: top-level names and `*.ext` globs anywhere. */
function ignoredBy(patterns: string[]) {
  return (rel: string) => patterns.some((p) => (p.startsWith("*.") ? rel.endsWith(p.slice(1)) : rel === p || rel.startsWith(`${p}/`)));
}

const envPairs = (args: string) =>
  Object.fromEntries(args.split(/\s+/).map((pair) => pair.split(/=(.*)/s).slice(0, 2) as [string, string]));

/**
 * Replays the Dockerfile without Docker (no base image can be pulled here): the build stage's
 * COPY and RUN steps in a temporary folder standing for its /app, then the run stage's
 * COPY --from=build into a second folder, and its CMD with the image's ENV plus real Slack
 * settings, until /healthz answers. The run stage's RUN only makes the data volume's folder
 * (as root), which the replay's DATABASE_URL stands in for.
 */
describe("the Docker image, replayed from its Dockerfile", () => {
  const stages = stagesOf(readFileSync(path.join(root, "Dockerfile"), "utf8"));
  const build = stages.find((s) => s.name === "build")!;
  const run = stages.at(-1)!;
  const ignored = ignoredBy(
    readFileSync(path.join(root, ".dockerignore"), "utf8")
      .split("\n")
      .map((l) => l.trim())
      .filter((l) => l && !l.startsWith("#")),
  );
  const buildDir = mkdtempSync(path.join(tmpdir(), "convene-image-build-"));
  const runDir = mkdtempSync(path.join(tmpdir(), "convene-image-run-"));
  let child: ChildProcess | undefined;
  let slack: LocalSlack;

  beforeAll(async () => {
    slack = await LocalSlack.start({ signingSecret: "image-test-signing-secret" });
  });
  afterAll(async () => {
    child?.kill("SIGKILL");
    await slack.stop();
    rmSync(buildDir, { recursive: true, force: true });
    rmSync(runDir, { recursive: true, force: true });
  });

  it("uses Node 24 in both stages", () => {
    expect(readFileSync(path.join(root, "Dockerfile"), "utf8").match(/^FROM node:(\d+)/gm)).toEqual(["FROM node:24", "FROM node:24"]);
  });

  it(
    "builds: every COPY finds its files and every RUN succeeds",
    () => {
      const env: Record<string, string> = {};
      for (const { op, args } of build.instructions) {
        if (op === "ENV") Object.assign(env, envPairs(args));
        if (op === "COPY") {
          const parts = args.split(/\s+/);
          const dest = path.join(buildDir, parts.at(-1)!);
          for (const source of parts.slice(0, -1)) {
            const from = path.join(root, source);
            expect(existsSync(from)).toBe(true);
            const into = parts.length > 2 || parts.at(-1)!.endsWith("/") ? path.join(dest, path.basename(source)) : dest;
            cpSync(from, into, { recursive: true, filter: (f) => !ignored(path.relative(root, f)) });
          }
        }
        if (op === "RUN") {
          // The machine's npm settings (registry, nodedir for better-sqlite3's build) stand in for the image's.
          // prefer-offline: the machine's npm cache already holds what the lock names.
          const machine = {
            ...(Object.fromEntries(Object.entries(process.env).filter(([k]) => /^(PATH|HOME|npm_config_.*)$/i.test(k))) as Record<
              string,
              string
            >),
            npm_config_prefer_offline: "true",
          };
          try {
            execFileSync("/bin/sh", ["-c", args], {
              cwd: buildDir,
              env: { ...machine, ...env },
              stdio: "pipe",
              maxBuffer: 64 * 1024 * 1024,
            });
          } catch (err) {
            const { stdout, stderr } = err as { stdout?: Buffer; stderr?: Buffer };
            throw new Error(`RUN ${args} failed:\n${String(stdout ?? "").slice(-3000)}\n${String(stderr ?? "").slice(-3000)}`);
          }
        }
      }
      expect(existsSync(path.join(buildDir, "dist", "main.js"))).toBe(true);
      // Dev dependencies are pruned (typescript stays: prisma names it as an optional peer).
      expect(existsSync(path.join(buildDir, "node_modules", "jest"))).toBe(false);
      expect(existsSync(path.join(buildDir, "node_modules", "@prisma", "client"))).toBe(true);
    },
    20 * 60_000,
  );

  it("runs: the run stage's files come from the build, and Convene answers /healthz with real settings", async () => {
    const env: Record<string, string> = {};
    let cmd: string[] = [];
    for (const { op, args } of run.instructions) {
      if (op === "ENV") Object.assign(env, envPairs(args));
      if (op === "CMD") cmd = JSON.parse(args) as string[];
      if (op === "COPY") {
        const parts = args.split(/\s+/).filter((p) => !p.startsWith("--"));
        expect(args).toContain("--from=build");
        const dest = path.join(runDir, parts.at(-1)!);
        for (const source of parts.slice(0, -1)) {
          const from = path.join(buildDir, path.relative("/app", source));
          expect({ source, exists: existsSync(from) }).toEqual({ source, exists: true });
          cpSync(from, statSync(from).isDirectory() && parts.length === 2 ? dest : path.join(dest, path.basename(source)), {
            recursive: true,
          });
        }
      }
    }
    expect(env.CONVENE_SANDBOX).toBe("off");
    expect(cmd[0]).toBe("node");
    // The image runs Convene as npm start does: the same malloc setting and node flags.
    const start = (JSON.parse(readFileSync("package.json", "utf8")) as { scripts: { start: string } }).scripts.start;
    expect(start).toContain(`MALLOC_ARENA_MAX=${env.MALLOC_ARENA_MAX} node ${cmd.slice(1).join(" ")}`);

    // The example programme ships in the image, and its command line reads it.
    const dryRun = execFileSync("node", ["dist/cli/main.js", "import", "examples/cop-2021-2022.yaml", "--dry-run"], {
      cwd: runDir,
      env: { PATH: process.env.PATH!, HOME: runDir, ...env, DATABASE_URL: `file:${path.join(runDir, "data", "convene.db")}` },
      encoding: "utf8",
    });
    expect(dryRun).toMatch(/cop-2021-2022/);

    child = spawn(cmd[0]!, cmd.slice(1), {
      cwd: runDir,
      env: {
        PATH: process.env.PATH!,
        HOME: runDir,
        ...env,
        SLACK_BOT_TOKEN: slack.botToken,
        SLACK_SIGNING_SECRET: slack.signingSecret,
        SLACK_API_URL: slack.apiUrl,
        DATABASE_URL: `file:${path.join(runDir, "data", "convene.db")}`,
        PORT: "0",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    child.stdout!.on("data", (d) => (out += d));
    child.stderr!.on("data", (d) => (out += d));
    const port = await until(() => out.match(/"port":(\d+).*"msg":"Convene is ready"/)?.[1], 60_000).catch(() => {
      throw new Error(`Convene did not start from the replayed image:\n${out}`);
    });
    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: "ok" });
  }, 120_000);
});
