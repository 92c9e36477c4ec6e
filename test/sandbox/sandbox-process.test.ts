import type { ChildProcess } from "node:child_process";
import { existsSync, rmSync } from "node:fs";
import path from "node:path";
import { startMain, until } from "../helpers/convene-main";

// `npm start` on a fresh clone with no Slack settings: the sandbox, not a failure. A half-set
// configuration still fails, as before.

describe("npm start without Slack settings", () => {
  let child: ChildProcess | undefined;
  let cwd: string | undefined;
  afterEach(() => {
    child?.kill("SIGKILL");
    if (cwd) rmSync(cwd, { recursive: true, force: true });
  });

  it("runs the sandbox: prints its localhost URL and how to leave, serves the page, and exits 0 on SIGTERM", async () => {
    const p = startMain({ PORT: "0" });
    ({ child, cwd } = p);
    const url = await until(() => /Open (http:\/\/127\.0\.0\.1:\d+\/)/.exec(p.out.stdout)?.[1], 45000);
    expect(p.out.stdout).toContain("sandbox mode");
    expect(p.out.stdout).toContain("To leave sandbox mode, set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET");

    const page = await fetch(url);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("<title>Convene sandbox</title>");
    const state = (await (await fetch(new URL("/api/state", url))).json()) as { now: string; channels: { name: string }[] };
    expect(state.now.slice(0, 10)).toBe("2021-09-30");
    expect(existsSync(path.join(p.cwd, "data", "sandbox.db"))).toBe(true);
    expect(existsSync(path.join(p.cwd, "data", "convene.db"))).toBe(false);

    p.child.kill("SIGTERM");
    expect((await p.exited).code).toBe(0);
    expect(p.out.stdout).not.toMatch(/xoxb-/);
  }, 60000);

  it("still stops with the configuration error when only the signing secret is set", async () => {
    const p = startMain({ SLACK_SIGNING_SECRET: "8f742231b10e8888abcd99yyyzzz85a5" });
    ({ child, cwd } = p);
    expect((await p.exited).code).toBe(78);
    expect(p.out.stderr).toContain("SLACK_BOT_TOKEN is missing: set it to the Bot User OAuth Token");
    expect(p.out.stdout).not.toContain("sandbox");
  });

  it("stops with the configuration error instead of the sandbox when CONVENE_SANDBOX=off", async () => {
    const p = startMain({ CONVENE_SANDBOX: "off" });
    ({ child, cwd } = p);
    expect((await p.exited).code).toBe(78);
    expect(p.out.stderr).toContain("2 settings need attention");
  });
});
