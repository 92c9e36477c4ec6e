import { WebClient } from "@slack/web-api";
import pino from "pino";
import { boltLogger } from "../../src/logger";
import { tick } from "../../src/outbox/reminders";
import { SCHEDULER_CLIENT_OPTIONS, SlackPacer } from "../../src/outbox/pacer";
import { openTestDb, providers, type TestDb } from "../helpers/databases";
import { LocalSlack } from "../../src/local-slack";
import { expectEachSentOnce, seedBurst } from "./support/burst";

const logger = pino({ level: "silent" });

describe.each(providers)("a thousand reminders due at once, on %s", (provider) => {
  let t: TestDb;
  let slack: LocalSlack;

  beforeAll(async () => {
    t = await openTestDb(provider);
    slack = await LocalSlack.start();
  });
  afterAll(async () => {
    await slack.stop();
    await t.close();
  });

  // SQLite refuses a statement with more than 999 parameters: one query over every due
  // reminder's session used to fail the whole tick, so none of them went out, tick after tick.
  it("go out in one tick, each once", async () => {
    const now = new Date();
    const burst = await seedBurst(t.db, slack, { channels: 1000, perChannel: 1, now });
    const client = new WebClient(slack.botToken, { ...SCHEDULER_CLIENT_OPTIONS, slackApiUrl: slack.apiUrl, logger: boltLogger(logger) });
    const report = await tick({
      db: t.db,
      slack: client,
      logger,
      now: () => now,
      instanceId: "burst",
      pacer: new SlackPacer({ workspacePerMinute: 100_000 }),
    });
    expect(report.deliveries.filter((d) => d.outcome === "sent")).toHaveLength(1000);
    await expectEachSentOnce(burst);
  }, 120_000);
});
