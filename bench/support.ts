/**
 * What the scenarios share: the figure they report, the real Convene process, temporary databases
 * on both providers, and percentiles. The bench measures and prints; it asserts nothing.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import http from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { Client } from "pg";
import pino from "pino";
import { createDb, type Db, type Provider } from "../src/db/client";
import { migrate } from "../src/db/migrate";
import { signSlackRequest } from "../src/local-slack";

export const root = path.resolve(__dirname, "..");

/**
 * One line of the table. `ratio` is measured / reference (a peer measured in the same run, or
 * the goal's bound) and the goal is met when it is at most `maxRatio`. A figure without a
 * reference is reported for information.
 */
export interface Figure {
  figure: string;
  goal: string;
  unit: "ms" | "s" | "MB";
  measured: number | null;
  reference: { label: string; value: number } | null;
  maxRatio: number | null;
  /** A check rather than a number: whether it held, and what was seen. */
  outcome?: { met: boolean; text: string };
  /** Why a figure could not be measured, or what it depends on. */
  note?: string;
  detail?: Record<string, unknown>;
}

export const ratioOf = (f: Figure) => (f.measured !== null && f.reference && f.reference.value > 0 ? f.measured / f.reference.value : null);
export const metOf = (f: Figure) => {
  if (f.outcome) return f.outcome.met;
  const ratio = ratioOf(f);
  return ratio === null || f.maxRatio === null ? null : ratio <= f.maxRatio;
};

/** A figure under a fixed bound, e.g. "under 150 ms". */
export const underBound = (
  figure: string,
  unit: Figure["unit"],
  measured: number | null,
  bound: number,
  extra: Partial<Figure> = {},
): Figure => ({
  figure,
  goal: `< ${bound} ${unit}`,
  unit,
  measured,
  reference: { label: `${bound} ${unit}`, value: bound },
  maxRatio: 1,
  ...extra,
});

export const log = (message: string) => process.stderr.write(`[bench] ${message}\n`);

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Nearest-rank percentile of `values` (0..100). */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;

/**
 * Sends every body at once, Slack-signed, to the app's events endpoint, and times each answer from
 * its own send. Without an agent each request opens a connection of its own; with a keep-alive
 * agent, connections it already holds are reused.
 */
export async function allAtOnce(
  port: number,
  secret: string,
  bodies: readonly string[],
  agent?: http.Agent,
): Promise<{ ms: number[]; statuses: number[]; failed: number }> {
  const ownAgent = agent ?? new http.Agent({ keepAlive: false, maxSockets: bodies.length });
  const one = (body: string) =>
    new Promise<{ ms: number; status: number }>((resolve) => {
      const started = performance.now();
      const req = http.request(
        {
          host: "127.0.0.1",
          port,
          path: "/slack/events",
          method: "POST",
          agent: ownAgent,
          headers: {
            "content-type": "application/x-www-form-urlencoded",
            "content-length": Buffer.byteLength(body),
            ...signSlackRequest(secret, body),
          },
        },
        (res) => {
          res.resume();
          res.on("end", () => resolve({ ms: performance.now() - started, status: res.statusCode ?? 0 }));
        },
      );
      req.on("error", () => resolve({ ms: performance.now() - started, status: 0 }));
      req.end(body);
    });
  const answers = await Promise.all(bodies.map(one));
  if (!agent) ownAgent.destroy();
  return { ms: answers.map((a) => a.ms), statuses: answers.map((a) => a.status), failed: answers.filter((a) => a.status !== 200).length };
}

export const silent = pino({ level: "silent" });

// ---------------------------------------------------------------- databases

export interface BenchDb {
  provider: Provider;
  url: string;
  db: Db;
  /** Disconnects and deletes the database. */
  drop(): Promise<void>;
}

const tmp = path.join(root, ".tmp");

/** A path for a new SQLite file under .tmp/, and how to remove it with its journal files. */
export function sqliteFile(): { url: string; remove(): void } {
  mkdirSync(tmp, { recursive: true });
  const file = path.join(tmp, `bench-${Date.now().toString(36)}-${randomUUID().slice(0, 6)}.db`);
  return {
    url: `file:${file}`,
    remove: () => {
      for (const suffix of ["", "-wal", "-shm", "-journal"]) rmSync(file + suffix, { force: true });
    },
  };
}

/** A new, migrated SQLite database under .tmp/ (or `url`, an existing one, when given). */
export async function sqliteDb(existing?: { url: string; remove(): void }): Promise<BenchDb> {
  const file = existing ?? sqliteFile();
  if (!existing) await migrate(file.url, silent);
  const db = await createDb(file.url);
  return {
    provider: "sqlite",
    url: file.url,
    db,
    async drop() {
      await db.$disconnect();
      file.remove();
    },
  };
}

/** Where the bench creates its PostgreSQL databases: BENCH_PG_URL, else the tests' server. */
export const pgAdminUrl = () =>
  process.env.BENCH_PG_URL ?? process.env.TEST_PG_ADMIN_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

async function pgAdmin<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: pgAdminUrl(), connectionTimeoutMillis: 3000 });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** A new, migrated PostgreSQL database, or null (with the reason logged) when no server answers. */
export async function postgresDb(): Promise<BenchDb | null> {
  const name = `convene_bench_${Date.now().toString(36)}_${randomUUID().slice(0, 6)}`;
  try {
    await pgAdmin((c) => c.query(`CREATE DATABASE "${name}"`));
  } catch (err) {
    log(`PostgreSQL is not reachable at ${pgAdminUrl()} (${(err as Error).message}); its figures are skipped. Set BENCH_PG_URL.`);
    return null;
  }
  const u = new URL(pgAdminUrl());
  u.pathname = `/${name}`;
  const url = u.toString();
  await migrate(url, silent);
  const db = await createDb(url);
  return {
    provider: "postgresql",
    url,
    db,
    async drop() {
      await db.$disconnect();
      await pgAdmin((c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
    },
  };
}

/** Rows in chunks, so 100k of them go in a few statements rather than 100k round trips. */
export async function insertChunked<T>(rows: readonly T[], insert: (chunk: T[]) => Promise<unknown>, size = 2000): Promise<void> {
  for (let i = 0; i < rows.length; i += size) await insert(rows.slice(i, i + size));
}

// ---------------------------------------------------------------- the real process

// tsx's CommonJS hook: its ESM loader trips over Node 20's require(esm) in this CommonJS package.
const tsx = path.join(root, "node_modules", "tsx", "dist", "cjs", "index.cjs");

export interface RunningProcess {
  child: ChildProcess;
  port: number;
  /** From spawn to the line that says it is ready. */
  startMs: number;
  /** Resident memory now, and its peak since start (Linux /proc). */
  rssMb(): number | null;
  peakRssMb(): number | null;
  /** Its main thread's time on a CPU, and waiting for one, so far (Linux schedstat, ms). */
  mainThreadMs(): { running: number; waiting: number } | null;
  /** Everything it wrote to stdout, one JSON log line each. */
  output(): string;
  stop(): Promise<number | null>;
}

function procStatusMb(pid: number, field: "VmRSS" | "VmHWM"): number | null {
  try {
    const kb = new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1];
    return kb ? Number(kb) / 1024 : null;
  } catch {
    return null; // not Linux: memory figures are reported as not measured
  }
}

function schedstatMs(pid: number): { running: number; waiting: number } | null {
  try {
    // The main thread's own: where a request's JavaScript runs, apart from V8's and libuv's helpers.
    const [running, waiting] = readFileSync(`/proc/${pid}/task/${pid}/schedstat`, "utf8").split(" ").map(Number);
    return { running: running! / 1e6, waiting: waiting! / 1e6 };
  } catch {
    return null;
  }
}

/**
 * Spawns `node <args>` in an empty working directory (so no .env is read) and waits for `ready`
 * on stdout, whose first group is the port.
 */
export async function spawnNode(
  args: readonly string[],
  env: Record<string, string>,
  ready: RegExp,
  timeoutMs = 30_000,
): Promise<RunningProcess> {
  const cwd = mkdtempSync(path.join(tmpdir(), "convene-bench-"));
  const started = performance.now();
  const child = spawn(process.execPath, args, {
    cwd,
    env: { PATH: process.env.PATH!, HOME: process.env.HOME ?? "/tmp", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stderr!.on("data", (d) => (stderr += d));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${args.at(-1)} was not ready after ${timeoutMs} ms:\n${stderr}${stdout}`)), timeoutMs);
    let isReady = false;
    child.stdout!.on("data", (d) => {
      stdout += d;
      // Searched until ready only: a search of all the output for each line logged under load
      // would slow this process, which also plays Slack, and the pipe Convene logs into.
      const m = isReady ? null : ready.exec(stdout);
      if (m) {
        isReady = true;
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    });
    void exited.then((code) => reject(new Error(`${args.at(-1)} exited with ${code} before it was ready:\n${stderr}${stdout}`)));
  });
  const startMs = performance.now() - started;
  return {
    child,
    port,
    startMs,
    rssMb: () => procStatusMb(child.pid!, "VmRSS"),
    peakRssMb: () => procStatusMb(child.pid!, "VmHWM"),
    mainThreadMs: () => schedstatMs(child.pid!),
    output: () => stdout,
    async stop() {
      child.kill("SIGTERM");
      const code = await exited;
      rmSync(cwd, { recursive: true, force: true });
      return code;
    },
  };
}

/** A TypeScript entry point, through tsx's CommonJS hook. */
export const spawnTs = (entry: string, env: Record<string, string>, ready: RegExp) => spawnNode(["--require", tsx, entry], env, ready);

export const CONVENE_READY = /"port":(\d+)[^\n]*"msg":"Convene is ready"/;

export type ConveneEnv = { SLACK_BOT_TOKEN: string; SLACK_SIGNING_SECRET: string; SLACK_API_URL: string; DATABASE_URL: string } & Record<
  string,
  string
>;

/** Convene as `npm start` runs it: `dist/main.js`, compiled by `npm run build`. */
export const compiledMain = path.join(root, "dist", "main.js");

/**
 * The environment and flags `npm start` gives node (package.json's start script: `A=1 node --flag
 * dist/main.js`), so the bench runs Convene with them too.
 */
function startCommand(): { env: Record<string, string>; flags: string[] } {
  const start = (JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")) as { scripts: { start: string } }).scripts.start;
  const [, assignments = "", flags = ""] = /((?:\w+=\S+ )*)node ((?:--\S+ )*)dist\/main\.js/.exec(start) ?? [];
  const words = (s: string) => s.trim().split(/\s+/).filter(Boolean);
  return { env: Object.fromEntries(words(assignments).map((a) => a.split("=", 2) as [string, string])), flags: words(flags) };
}

/** The real process: compiled, or `src/main.ts` through tsx. */
export function spawnConvene(env: ConveneEnv, how: "compiled" | "tsx"): Promise<RunningProcess> {
  const full = { PORT: "0", LOG_LEVEL: "info", ...env };
  // BENCH_CPU_PROF=<dir> writes the compiled process's CPU profile there when it stops.
  const profile = process.env.BENCH_CPU_PROF ? ["--cpu-prof", `--cpu-prof-dir=${path.resolve(process.env.BENCH_CPU_PROF)}`] : [];
  if (how === "tsx") return spawnTs(path.join(root, "src", "main.ts"), full, CONVENE_READY);
  const start = startCommand();
  return spawnNode([...start.flags, ...profile, compiledMain], { ...start.env, ...full }, CONVENE_READY);
}
