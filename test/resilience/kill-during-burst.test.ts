import { LEASE_MS } from "../../src/outbox/runner";
import { openTestDb, providers, type TestDb } from "../helpers/databases";
import { LocalSlack } from "../../src/local-slack";
import { allSent, expectEachSentOnce, seedBurst } from "./support/burst";
import { type ConveneProcess, startConveneProcess, stopProcess } from "./support/convene-process";
import { waitUntil } from "./support/wait";

describe.each(providers)("Convene killed with SIGKILL during a reminder burst, on %s", (provider) => {
  let t: TestDb;
  let slack: LocalSlack;
  let first: ConveneProcess | undefined;
  let second: ConveneProcess | undefined;

  beforeAll(async () => {
    t = await openTestDb(provider);
    slack = await LocalSlack.start();
  });
  afterAll(async () => {
    await stopProcess(first, "SIGKILL");
    await stopProcess(second, "SIGKILL");
    await slack.stop();
    await t.close();
  });

  it("after a restart, every reminder of the burst is in Slack exactly once", async () => {
    slack.setRateLimits({ enabled: true, perChannelPerSecond: 1, channelBurst: 1 });
    // Slow answers keep posts in flight, so the kill lands between a post and its record.
    slack.fail("chat.postMessage", { delayMs: 400 }, { times: 1000 });
    const burst = await seedBurst(t.db, slack, { channels: 6, perChannel: 8 });
    const env = { DATABASE_URL: t.url, CONVENE_TICK: "* * * * * *" };

    first = await startConveneProcess(slack, env);
    // Once a dozen are out, and while Slack is still taking one (received, not yet answered).
    const inFlight = () => slack.callsTo("chat.postMessage").some((c) => c.response === undefined);
    await slack.waitFor(() => burst.posted().length >= 12 && inFlight(), {
      timeoutMs: 30_000,
      what: "a dozen reminders and one more on its way",
    });
    first.child.kill("SIGKILL");
    expect(await first.exited).toMatchObject({ signal: "SIGKILL" });

    // Killed mid-burst: part recorded as sent, some claimed with their posts still on the way
    // (Slack completes them), the rest pending.
    const left = (await burst.deliveries()).filter((d) => d.status !== "SENT");
    expect(left.some((d) => d.status === "CLAIMED")).toBe(true);
    expect(left.some((d) => d.status === "PENDING")).toBe(true);
    expect(left.every((d) => d.status === "PENDING" || d.status === "CLAIMED")).toBe(true);

    // The dead process's claims hold for LEASE_MS: the new one starts that much later (its clock
    // runs ahead), finds them expired, looks in each channel first and posts only what is missing.
    second = await startConveneProcess(slack, env, { clockOffsetMs: LEASE_MS + 60_000 });
    await waitUntil(() => allSent(burst), "every reminder sent");
    await stopProcess(second);

    await expectEachSentOnce(burst);
    // The posts that landed after the kill were found in their channels, not posted again.
    expect(second.lines().filter((l) => l.msg === "delivery was already posted; adopted its message").length).toBeGreaterThan(0);
    expect(slack.rateLimitStats().limited).toEqual({});
    expect(second.lines().filter((l) => (l.level as number) >= 50)).toEqual([]);
    expect(slack.internalErrors).toEqual([]);
  });
});
