import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { LocalSlack } from "../../../src/local-slack";

const root = path.join(__dirname, "..", "..", "..");
// tsx's CommonJS hook: its ESM loader trips over Node 20's require(esm) on this CommonJS package.
const tsx = path.join(root, "node_modules", "tsx", "dist", "cjs", "index.cjs");
const clockOffset = path.join(__dirname, "clock-offset.cjs");

export interface ConveneProcess {
  child: ChildProcess;
  port: number;
  /** Every line it logged, parsed. */
  lines(): Record<string, unknown>[];
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * `src/main.ts` as its own process, as `npm start` runs it (through tsx instead of a build), in
 * an empty working directory, talking to the local Slack. Resolves once it logs that it is ready.
 * `clockOffsetMs` starts it with its wall clock that far ahead (see clock-offset.cjs).
 */
export async function startConveneProcess(
  slack: LocalSlack,
  env: Record<string, string>,
  opts: { clockOffsetMs?: number } = {},
): Promise<ConveneProcess> {
  const cwd = mkdtempSync(path.join(tmpdir(), "convene-resilience-"));
  const child = spawn(
    process.execPath,
    ["--require", tsx, ...(opts.clockOffsetMs ? ["--require", clockOffset] : []), path.join(root, "src", "main.ts")],
    {
      cwd,
      env: {
        PATH: process.env.PATH!,
        HOME: process.env.HOME ?? "/tmp",
        SLACK_BOT_TOKEN: slack.botToken,
        SLACK_SIGNING_SECRET: slack.signingSecret,
        SLACK_API_URL: slack.apiUrl,
        PORT: "0",
        LOG_LEVEL: "info",
        CLOCK_OFFSET_MS: String(opts.clockOffsetMs ?? 0),
        ...env,
      },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let stdout = "";
  let stderr = "";
  child.stdout!.on("data", (d) => (stdout += d));
  child.stderr!.on("data", (d) => (stderr += d));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on("exit", (code, signal) => resolve({ code, signal })),
  );
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`Convene was not ready in 30 s:\n${stderr}${stdout}`)), 30_000);
    const onData = () => {
      const m = /"port":(\d+)[^\n]*"msg":"Convene is ready"/.exec(stdout);
      if (!m) return;
      clearTimeout(timer);
      child.stdout!.off("data", onData);
      resolve(Number(m[1]));
    };
    child.stdout!.on("data", onData);
    void exited.then(({ code }) => {
      clearTimeout(timer);
      reject(new Error(`Convene exited with ${code} before it was ready:\n${stderr}${stdout}`));
    });
  });
  return {
    child,
    port,
    exited,
    lines: () =>
      stdout
        .split("\n")
        .filter((l) => l.startsWith("{"))
        .map((l) => JSON.parse(l) as Record<string, unknown>),
  };
}

/** Ends a process the test started and waits for it. */
export async function stopProcess(p: ConveneProcess | undefined, signal: NodeJS.Signals = "SIGTERM"): Promise<void> {
  if (!p || p.child.exitCode !== null || p.child.signalCode !== null) return;
  p.child.kill(signal);
  await p.exited;
}
