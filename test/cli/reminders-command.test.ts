import { cliOn } from "../helpers/cli";
import { openTestDb, providers, type TestDb } from "../helpers/databases";
import { seedGroup, seedProgramme, seedSession } from "../helpers/reminder-fixtures";
import { LocalSlack } from "../../src/local-slack";

describe.each(providers)("npm run convene -- reminders on %s", (provider) => {
  let t: TestDb;
  let slack: LocalSlack;
  let math: string;
  beforeAll(async () => {
    t = await openTestDb(provider);
    slack = await LocalSlack.start();
    math = slack.addChannel({ name: "cop-math" }).id;
    const p = await seedProgramme(t.db);
    const g = await seedGroup(t.db, p.id, { slug: "math", channelId: math });
    await seedSession(t.db, { programmeId: p.id, groupId: g.id, localStart: "2021-10-13T15:00", title: "Grading for equity" });
  });
  afterAll(async () => {
    await slack.stop();
    await t.close();
  });

  const cli = (argv: string[], env: Record<string, string> = {}) => cliOn(t, argv, env);

  it("prints what it would send with --dry-run, and sends nothing", async () => {
    const { code, output } = await cli(["reminders", "--at", "2021-10-06T15:00:00-05:00", "--dry-run"]);
    expect(code).toBe(0);
    expect(output).toContain("Reminders as of 2021-10-06T20:00:00.000Z (dry run: nothing written or sent)");
    expect(output).toMatch(
      new RegExp(
        `would send +reminder +${math} +due 2021-10-06T20:00:00.000Z : Reminder: Grading for equity, Wednesday, October 13, 2021 at 3:00 PM CDT`,
      ),
    );
    expect(await t.db.delivery.count()).toBe(0);
    expect(slack.calls).toEqual([]);
  });

  it("needs a bot token to send, and says so", async () => {
    const { code, output } = await cli(["reminders", "--at", "2021-10-06T15:00:00-05:00"]);
    expect(code).toBe(2);
    expect(output).toContain("Sending needs SLACK_BOT_TOKEN");
  });

  it("rejects a time it cannot read", async () => {
    expect(await cli(["reminders", "--at", "next tuesday", "--dry-run"])).toMatchObject({
      code: 2,
      output: expect.stringContaining("--at must be an ISO date and time"),
    });
  });

  it("sends what is due as of --at through the configured Slack, once", async () => {
    const env = { SLACK_BOT_TOKEN: slack.botToken, SLACK_API_URL: slack.apiUrl };
    const first = await cli(["reminders", "--at", "2021-10-06T15:00:00-05:00"], env);
    expect(first.code).toBe(0);
    expect(first.output).toMatch(/sent +reminder/);
    expect((await cli(["reminders", "--at", "2021-10-06T15:00:00-05:00"], env)).output).toContain("Nothing due.");
    expect(slack.messages(math).map((m) => m.text)).toEqual(["Reminder: Grading for equity, Wednesday, October 13, 2021 at 3:00 PM CDT"]);
  });
});
