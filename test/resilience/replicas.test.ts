import { openTestDb, type TestDb } from "../helpers/databases";
import { LocalSlack } from "../../src/local-slack";
import { allSent, expectEachSentOnce, seedBurst } from "./support/burst";
import { type ConveneProcess, startConveneProcess, stopProcess } from "./support/convene-process";
import { waitUntil } from "./support/wait";

// Replicas share a database only on PostgreSQL; the embedded database belongs to one process.
describe("two Convene replicas on one PostgreSQL database", () => {
  let t: TestDb;
  let slack: LocalSlack;
  let replicas: ConveneProcess[] = [];

  beforeAll(async () => {
    t = await openTestDb("postgresql");
    slack = await LocalSlack.start();
  });
  afterAll(async () => {
    for (const r of replicas) await stopProcess(r, "SIGKILL");
    await slack.stop();
    await t.close();
  });

  it("send one burst between them, each reminder exactly once", async () => {
    slack.setRateLimits({ enabled: true, perChannelPerSecond: 1, channelBurst: 1 });
    slack.fail("chat.postMessage", { delayMs: 100 }, { times: 1000 });
    const env = { DATABASE_URL: t.url, CONVENE_TICK: "* * * * * *" };
    replicas = await Promise.all([startConveneProcess(slack, env), startConveneProcess(slack, env)]);

    // Both are ticking every second when the burst falls due.
    const burst = await seedBurst(t.db, slack, { channels: 10, perChannel: 4 });
    await waitUntil(() => allSent(burst), "every reminder sent");
    await Promise.all(replicas.map((r) => stopProcess(r)));

    // Each replica paces its own posts, so together they go over a channel's pace now and then;
    // Slack's 429s are waited out, and nothing is lost or doubled by them.
    await expectEachSentOnce(burst);
    // Both did part of the work: the claims really raced.
    expect(new Set((await burst.deliveries()).map((d) => d.claimedBy)).size).toBe(2);
    expect(replicas.flatMap((r) => r.lines().filter((l) => (l.level as number) >= 50))).toEqual([]);
  });
});
