import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

const root = path.join(__dirname, "..", "..");
const main = path.join(root, "src", "main.ts");
// tsx's CommonJS hook: its ESM loader trips over Node 20's require(esm) on this CommonJS package.
const tsx = path.join(root, "node_modules", "tsx", "dist", "cjs", "index.cjs");

/**
 * Runs `src/main.ts` as its own process, as `npm start` would (through tsx instead of a build),
 * in a fresh working folder and with only `env` set.
 */
export function startMain(env: Record<string, string>) {
  const cwd = mkdtempSync(path.join(tmpdir(), "convene-main-"));
  const child = spawn(process.execPath, ["--require", tsx, main], {
    cwd,
    env: { PATH: process.env.PATH!, HOME: process.env.HOME ?? "/tmp", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const out = { stdout: "", stderr: "" };
  child.stdout!.on("data", (d) => (out.stdout += d));
  child.stderr!.on("data", (d) => (out.stderr += d));
  const exited = new Promise<{ code: number | null; at: number }>((resolve) =>
    child.on("exit", (code) => resolve({ code, at: Date.now() })),
  );
  return { child, out, exited, cwd };
}

/** Polls `what` until it gives a value, for output the process prints when it gets there. */
export async function until<T>(what: () => T | undefined, ms: number): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = what();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 50));
  }
}
