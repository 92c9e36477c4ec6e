import { runCli } from "../../src/cli/main";
import type { TestDb } from "./databases";

/** Runs `convene <argv>` against a test database, as an operator would: its exit code and what it printed. */
export async function cliOn(t: TestDb, argv: string[], env: Record<string, string> = {}): Promise<{ code: number; output: string }> {
  const lines: string[] = [];
  const code = await runCli(argv, { DATABASE_URL: t.url, LOG_LEVEL: "silent", ...env }, (line) => lines.push(line));
  return { code, output: lines.join("\n") };
}
