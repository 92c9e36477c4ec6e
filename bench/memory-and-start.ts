/**
 * Cold start to ready, and resident memory idle and under load, of the real process against the
 * local Slack and an embedded database. The goals are measured on what `npm start` runs (the
 * build, `dist/main.js`, compiled here by `npm run build`); the same figures through tsx, which
 * keeps a compiler and source maps in the process, are reported beside them.
 */
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { promisify } from "node:util";
import type { LocalSlack } from "../src/local-slack";
import {
  compiledMain,
  type ConveneEnv,
  type Figure,
  log,
  percentile,
  root,
  round,
  type RunningProcess,
  sleep,
  spawnConvene,
  sqliteFile,
  underBound,
} from "./support";

const RESTARTS = 3;
/**
 * Long enough for the first tick to have run its course and for start-up garbage to be collected:
 * Convene's idle collector waits for 5 s of quiet.
 */
const SETTLE_MS = 7000;
const run = promisify(execFile);

export interface Started {
  figures: Figure[];
  /** The last start, left running for the scenarios that load it. */
  convene: RunningProcess;
  databaseUrl: string;
  removeDatabase(): void;
}

export function conveneEnv(slack: LocalSlack, databaseUrl: string): ConveneEnv {
  return {
    SLACK_BOT_TOKEN: slack.botToken,
    SLACK_SIGNING_SECRET: slack.signingSecret,
    SLACK_API_URL: slack.apiUrl,
    DATABASE_URL: databaseUrl,
  };
}

/** `npm run build`; a type error elsewhere in the tree still emits JavaScript, which is what is measured. */
async function build(): Promise<string | undefined> {
  log("npm run build (the compiled process is what npm start runs)");
  try {
    await run("npm", ["run", "-s", "build"], { cwd: root });
    return undefined;
  } catch (err) {
    if (!existsSync(compiledMain)) throw err;
    return "tsc reported type errors; the JavaScript it emitted was measured";
  }
}

export async function measureStart(slack: LocalSlack): Promise<Started> {
  const buildNote = await build();
  const file = sqliteFile();
  const env = conveneEnv(slack, file.url);

  log("first start on an empty database (migrations included)");
  const first = await spawnConvene(env, "compiled");
  await first.stop();

  log("through tsx");
  const viaTsx = await spawnConvene(env, "tsx");
  await sleep(SETTLE_MS);
  const tsxIdle = viaTsx.rssMb();
  await viaTsx.stop();

  const starts: number[] = [];
  let convene: RunningProcess | undefined;
  for (let i = 0; i < RESTARTS; i++) {
    log(`cold start ${i + 1} of ${RESTARTS} on the migrated database`);
    await convene?.stop();
    convene = await spawnConvene(env, "compiled");
    starts.push(convene.startMs);
  }
  await sleep(SETTLE_MS);
  const idle = convene!.rssMb();
  const mb = (v: number | null) => (v === null ? null : round(v));
  const noProc = (v: number | null) => (v === null ? { note: "needs Linux /proc" } : {});

  return {
    figures: [
      underBound(
        `cold start to ready (dist/main.js, migrated SQLite), median of ${RESTARTS}`,
        "s",
        round(percentile(starts, 50) / 1000, 2),
        2,
        {
          // From spawn to the "Convene is ready" log line.
          detail: { startsMs: starts.map((s) => Math.round(s)) },
          ...(buildNote ? { note: buildNote } : {}),
        },
      ),
      underBound("idle RSS after ready (dist/main.js)", "MB", mb(idle), 150, noProc(idle)),
      reported("first start on an empty database, migrations included (dist/main.js)", "s", round(first.startMs / 1000, 2)),
      reported("cold start to ready through tsx (src/main.ts)", "s", round(viaTsx.startMs / 1000, 2)),
      reported("idle RSS after ready through tsx (src/main.ts)", "MB", mb(tsxIdle), noProc(tsxIdle)),
    ],
    convene: convene!,
    databaseUrl: file.url,
    removeDatabase: file.remove,
  };
}

function reported(figure: string, unit: Figure["unit"], measured: number | null, extra: Partial<Figure> = {}): Figure {
  return { figure, goal: "(reported)", unit, measured, reference: null, maxRatio: null, ...extra };
}

/** Peak resident memory of the process so far, read after the loads, and what it settles back to once they are over. */
export async function loadedMemory(convene: RunningProcess, load: string): Promise<Figure[]> {
  const peak = convene.peakRssMb();
  await sleep(SETTLE_MS * 2);
  const after = convene.rssMb();
  const mb = (v: number | null) => (v === null ? null : round(v));
  const noProc = (v: number | null) => (v === null ? { note: "needs Linux /proc" } : {});
  return [
    underBound(`peak RSS under load (dist/main.js, ${load})`, "MB", mb(peak), 250, noProc(peak)),
    underBound(`idle RSS ${(SETTLE_MS * 2) / 1000} s after that load (dist/main.js)`, "MB", mb(after), 150, noProc(after)),
  ];
}
