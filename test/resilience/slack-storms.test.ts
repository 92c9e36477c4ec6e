import { WebClient } from "@slack/web-api";
import pino from "pino";
import { boltLogger } from "../../src/logger";
import { tick } from "../../src/outbox/reminders";
import { SCHEDULER_CLIENT_OPTIONS, SlackPacer } from "../../src/outbox/pacer";
import { openTestDb, providers, type TestDb } from "../helpers/databases";
import { LocalSlack } from "../../src/local-slack";
import { expectEachSentOnce, seedBurst } from "./support/burst";

const logger = pino({ level: "silent" });
const MINUTE = 60_000;

describe.each(providers)("Slack answering in storms of 429s and 5xx, on %s", (provider) => {
  let t: TestDb;
  let slack: LocalSlack;
  let client: WebClient;

  beforeAll(async () => {
    t = await openTestDb(provider);
  });
  afterAll(() => t.close());
  beforeEach(async () => {
    // Each test's local Slack hands out the same channel ids: start from an empty outbox.
    await t.db.programme.deleteMany();
    slack = await LocalSlack.start();
    client = new WebClient(slack.botToken, { ...SCHEDULER_CLIENT_OPTIONS, slackApiUrl: slack.apiUrl, logger: boltLogger(logger) });
  });
  afterEach(async () => {
    await slack.stop();
    expect(slack.internalErrors).toEqual([]);
  });

  /** The scheduler's ticks, a minute apart with one pacer as in the process, until nothing is left to send. */
  async function tickUntilDone(burst: { deliveries(): Promise<{ status: string }[]> }, start: Date) {
    const pacer = new SlackPacer({ perChannelIntervalMs: 20, backoffMs: 20, retries: 2 });
    for (let minute = 0; minute < 20; minute++) {
      await tick({ db: t.db, slack: client, logger, now: () => new Date(start.getTime() + minute * MINUTE), instanceId: "storm", pacer });
      if ((await burst.deliveries()).every((d) => d.status === "SENT")) return minute + 1;
    }
    throw new Error("reminders still unsent after 20 ticks");
  }

  it("delivers every reminder exactly once after waiting out 429s and retrying 5xx, looking before each repost", async () => {
    const now = new Date();
    const burst = await seedBurst(t.db, slack, { channels: 8, perChannel: 3, now });
    // The storm: 429s first, then 5xx on posts and on the lookups that follow an uncertain post.
    slack.fail("chat.postMessage", { status: 429, retryAfter: 1 }, { times: 10 });
    slack.fail("chat.postMessage", { status: 503 }, { times: 12 });
    slack.fail("chat.postMessage", { status: 500, body: "Internal Server Error" }, { times: 6 });
    slack.fail("conversations.history", { status: 502 }, { times: 4 });
    slack.fail("chat.postMessage", { error: "ratelimited" }, { times: 2 });

    const ticks = await tickUntilDone(burst, now);

    const statuses = slack.callsTo("chat.postMessage").map((c) => c.status);
    expect(statuses.filter((s) => s === 429)).toHaveLength(10);
    expect(statuses.filter((s) => s >= 500)).toHaveLength(18);
    expect(slack.callsTo("conversations.history").length).toBeGreaterThan(4);
    expect(ticks).toBeGreaterThan(1);
    await expectEachSentOnce(burst);
  });

  it("adopts posts whose answers were lost in transit instead of posting them twice", async () => {
    const now = new Date();
    const burst = await seedBurst(t.db, slack, { channels: 4, perChannel: 2, now });
    // Slack takes these posts but answers after the client gave up: the client cannot tell
    // whether they landed, so the retry (after a backoff longer than the delay) looks first.
    const impatient = new WebClient(slack.botToken, {
      ...SCHEDULER_CLIENT_OPTIONS,
      timeout: 300,
      slackApiUrl: slack.apiUrl,
      logger: boltLogger(logger),
    });
    slack.fail("chat.postMessage", { delayMs: 700 }, { times: 4 });
    const pacer = new SlackPacer({ perChannelIntervalMs: 20, backoffMs: 1500, retries: 2 });
    await tick({ db: t.db, slack: impatient, logger, now: () => now, instanceId: "storm", pacer });

    expect(slack.callsTo("chat.postMessage").filter((c) => c.status === 200)).toHaveLength(burst.size);
    expect(slack.callsTo("conversations.history").length).toBeGreaterThanOrEqual(4);
    await expectEachSentOnce(burst);
  });
});
