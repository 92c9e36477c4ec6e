import type { ChildProcess } from "node:child_process";
import { LocalSlack } from "../../src/local-slack";
import { unwatchMarkup, watchMarkup } from "../helpers/block-kit";
import { startMain, until } from "../helpers/convene-main";

describe("the Convene process", () => {
  let child: ChildProcess | undefined;
  afterEach(() => child?.kill("SIGKILL"));

  it("stops at start-up with a message naming a missing SLACK_SIGNING_SECRET", async () => {
    const p = startMain({ SLACK_BOT_TOKEN: "xoxb-1-2-3" });
    child = p.child;
    const { code } = await p.exited;
    expect(code).toBe(78);
    expect(p.out.stderr).toContain("SLACK_SIGNING_SECRET is missing: set it to the Signing Secret from Basic Information");
    expect(p.out.stderr).not.toContain("xoxb-1-2-3");
  });

  it("migrates a new embedded database, serves Slack, logs JSON without secrets, and exits 0 on SIGTERM", async () => {
    const slack = await LocalSlack.start({ signingSecret: "process-test-signing-secret" });
    watchMarkup(slack);
    try {
      const user = slack.addUser({ name: "dwight" }).id;
      const p = startMain({
        SLACK_BOT_TOKEN: slack.botToken,
        SLACK_SIGNING_SECRET: slack.signingSecret,
        SLACK_API_URL: slack.apiUrl,
        DATABASE_URL: "file:./data/convene.db",
        PORT: "0",
        LOG_LEVEL: "debug",
      });
      child = p.child;
      const port = await until(() => p.out.stdout.match(/"port":(\d+).*"msg":"Convene is ready"/)?.[1], 20000);
      expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);

      slack.appRequestUrl = `http://127.0.0.1:${port}/slack/events`;
      const res = await slack.sendCommand({ userId: user, command: "/convene", text: "help" });
      expect(res.body).toMatchObject({ response_type: "ephemeral" });

      const signalled = Date.now();
      p.child.kill("SIGTERM");
      const { code, at } = await p.exited;
      expect(code).toBe(0);
      expect(at - signalled).toBeLessThan(10000);

      const lines = p.out.stdout
        .trim()
        .split("\n")
        .map((l) => JSON.parse(l));
      expect(lines.map((l) => l.msg)).toEqual(
        expect.arrayContaining(["applying database migrations", "Convene is ready", "Convene stopped"]),
      );
      expect(p.out.stdout).not.toContain(slack.botToken);
      expect(p.out.stdout).not.toContain(slack.signingSecret);
    } finally {
      await slack.stop();
      unwatchMarkup(slack);
    }
  });
});
