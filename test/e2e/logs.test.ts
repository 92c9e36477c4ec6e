import type { ChildProcess } from "node:child_process";
import { LocalSlack } from "../../src/local-slack";
import { unwatchMarkup, watchMarkup } from "../helpers/block-kit";
import { startMain, until } from "../helpers/convene-main";
import { importCop } from "../helpers/cop-example";
import { openTestDb, type TestDb } from "../helpers/databases";

/**
 * The Convene process at LOG_LEVEL=trace, where Bolt and the Web API client log every request
 * and response body: its whole output carries no email, no real name, no typed text, no token,
 * no signature and no feed token, and a calendar path with a malformed `%` is a plain 404.
 */
describe("the Convene process's logs", () => {
  let child: ChildProcess | undefined;
  let slack: LocalSlack;
  let t: TestDb;
  afterEach(() => child?.kill("SIGKILL"));
  beforeAll(async () => {
    slack = await LocalSlack.start({ signingSecret: "logs-test-signing-secret" });
    watchMarkup(slack);
    t = await openTestDb("sqlite");
    await importCop(t.db, new Date("2021-10-01T12:00:00Z"));
  });
  afterAll(async () => {
    unwatchMarkup(slack);
    await slack.stop();
    await t.close();
  });

  it("at trace level name nobody and leak no secret, and a malformed calendar path is a 404", async () => {
    const user = slack.addUser({
      name: "ariana",
      realName: "Ariana Melton",
      email: "ariana.melton@prospectschools.org",
      tz: "America/Chicago",
    }).id;
    const p = startMain({
      SLACK_BOT_TOKEN: slack.botToken,
      SLACK_SIGNING_SECRET: slack.signingSecret,
      SLACK_API_URL: slack.apiUrl,
      DATABASE_URL: t.url,
      PORT: "0",
      CONVENE_TICK: "off",
      LOG_LEVEL: "trace",
    });
    child = p.child;
    const port = await until(() => p.out.stdout.match(/"port":(\d+).*"msg":"Convene is ready"/)?.[1], 20000);
    const base = `http://127.0.0.1:${port}`;
    slack.appRequestUrl = `${base}/slack/events`;

    // users.info (email, real name) on the way in; facilitators' names and the feed link on the way out.
    const res = await slack.sendCommand({ userId: user, command: "/convene", text: "group got justice" });
    const shown = /\/calendar\/([\w-]+)\.ics/.exec(JSON.stringify(res.body));
    expect(shown).not.toBeNull();
    const feedToken = shown![1]!;
    expect((await fetch(`${base}/calendar/${feedToken}.ics`)).status).toBe(200);
    await slack.sendEvent({ type: "app_home_opened", user });
    await slack.waitFor(() => slack.homeView(user) !== undefined);

    const malformed = await fetch(`${base}/calendar/${feedToken}%E0%A4%A.ics`);
    expect(malformed.status).toBe(404);
    expect((await fetch(`${base}/calendar/%.ics`)).status).toBe(404);

    p.child.kill("SIGTERM");
    expect((await p.exited).code).toBe(0);
    const out = p.out.stdout;
    const lines = out
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as { level: number; msg: string });
    // The logs are not empty: Web API bodies were logged, redacted.
    expect(lines.some((l) => l.msg.startsWith("http request body:"))).toBe(true);
    expect(lines.some((l) => l.msg.startsWith("http request result:"))).toBe(true);
    expect(lines.filter((l) => l.level >= 50)).toEqual([]);
    for (const secret of [
      "ariana.melton@prospectschools.org",
      "prospectschools.org",
      "Ariana Melton",
      "Dwight Thomas",
      slack.botToken,
      slack.signingSecret,
      feedToken,
    ]) {
      expect(out).not.toContain(secret);
    }
    expect(out).not.toMatch(/v0=[0-9a-f]{64}/);
  });
});
