import { ErrorCode } from "@slack/web-api";
import { ManualClock } from "../../src/local-slack/clock";
import { LocalSlack } from "../../src/local-slack/local-slack";
import { minimumDurationMs } from "../../src/local-slack/rate-limits";
import { clientFor, slackError } from "./test-support";

let slack: LocalSlack;
let channel: string;

afterEach(async () => {
  await slack.stop();
  expect(slack.internalErrors).toEqual([]);
});

async function start(options: Parameters<typeof LocalSlack.start>[0] = {}) {
  slack = await LocalSlack.start(options);
  channel = slack.addChannel({ name: "general" }).id;
}

const quickRetries = { retries: 3, factor: 1, minTimeout: 5, maxTimeout: 10 };

describe("injected faults", () => {
  beforeEach(() => start());

  it("WebClient waits out a 429 Retry-After and retries", async () => {
    slack.fail("chat.postMessage", { status: 429, retryAfter: 1 });
    const started = Date.now();
    await clientFor(slack, { retryConfig: quickRetries }).chat.postMessage({ channel, text: "hello" });
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(slack.callsTo("chat.postMessage").map((c) => [c.status, c.headers["retry-after"]])).toEqual([
      [429, "1"],
      [200, undefined],
    ]);
    expect(slack.messages(channel)).toHaveLength(1);
  });

  it("surfaces the 429 when the client is told not to wait", async () => {
    slack.fail("chat.postMessage", { status: 429, retryAfter: 30 });
    await expect(clientFor(slack, { rejectRateLimitedCalls: true }).chat.postMessage({ channel, text: "x" })).rejects.toMatchObject({
      code: ErrorCode.RateLimitedError,
      retryAfter: 30,
    });
    expect(slack.callsTo("chat.postMessage")).toHaveLength(1);
  });

  it("retries through 5xx answers until one succeeds", async () => {
    slack.fail("users.info", { status: 503 }, { times: 2 });
    const user = slack.addUser({ name: "alice" }).id;
    await expect(clientFor(slack, { retryConfig: quickRetries }).users.info({ user })).resolves.toMatchObject({ ok: true });
    expect(slack.callsTo("users.info").map((c) => c.status)).toEqual([503, 503, 200]);

    slack.fail("users.info", { status: 500 });
    await expect(clientFor(slack).users.info({ user })).rejects.toMatchObject({ code: ErrorCode.HTTPError, statusCode: 500 });
  });

  it('answers ok:false errors, for any method with "*", for the given number of calls', async () => {
    const client = clientFor(slack);
    slack.fail("conversations.create", { error: "restricted_action" });
    slack.fail("*", { error: "fatal_error" }, { times: 2 });
    expect((await slackError(client.conversations.create({ name: "wg-a" }))).error).toBe("restricted_action");
    expect((await slackError(client.auth.test())).error).toBe("fatal_error");
    expect((await slackError(client.conversations.create({ name: "wg-a" }))).error).toBe("fatal_error");
    await expect(client.conversations.create({ name: "wg-a" })).resolves.toMatchObject({ ok: true });
    expect(slack.calls.map((c) => c.injected ?? false)).toEqual([true, true, true, false]);
  });

  it("can delay an answer without failing it", async () => {
    slack.fail("auth.test", { delayMs: 60 });
    const started = Date.now();
    await expect(clientFor(slack).auth.test()).resolves.toMatchObject({ ok: true });
    expect(Date.now() - started).toBeGreaterThanOrEqual(55);
  });

  it("reset clears calls, messages and faults but keeps people and channels", async () => {
    const client = clientFor(slack);
    const user = slack.addUser({ name: "bob" }).id;
    await client.chat.postMessage({ channel, text: "before" });
    slack.fail("auth.test", { error: "fatal_error" });
    slack.reset();
    expect(slack.calls).toEqual([]);
    expect(slack.messages(channel)).toEqual([]);
    await expect(client.auth.test()).resolves.toMatchObject({ ok: true });
    expect(slack.user(user)).toMatchObject({ name: "bob" });
    expect(slack.channel("general")).toMatchObject({ id: channel });
  });
});

describe("rate limits", () => {
  it("are off by default", async () => {
    await start();
    const client = clientFor(slack);
    for (let i = 0; i < 10; i += 1) await client.chat.postMessage({ channel, text: `m${i}` });
    expect(slack.calls.every((c) => c.status === 200)).toBe(true);
  });

  it("limit a tier per minute and say when to retry", async () => {
    const clock = new ManualClock(Date.UTC(2025, 0, 1));
    await start({ now: clock.now });
    slack.setRateLimits({ enabled: true, tiers: { 2: 2 } });
    const create = (name: string) =>
      fetch(`${slack.apiUrl}conversations.create`, {
        method: "POST",
        headers: { authorization: `Bearer ${slack.botToken}`, "content-type": "application/x-www-form-urlencoded" },
        body: `name=${name}`,
      });
    expect((await create("a")).status).toBe(200);
    clock.advance(20_000);
    expect((await create("b")).status).toBe(200);
    const limited = await create("c");
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("40");
    expect(await limited.json()).toEqual({ ok: false, error: "ratelimited" });
    expect(slack.channel("c")).toBeUndefined(); // a refused call changes nothing

    clock.advance(40_000);
    expect((await create("c")).status).toBe(200);
    expect(slack.rateLimitStats()).toEqual({ allowed: { "conversations.create": 3 }, limited: { "conversations.create": 1 } });
  });

  it("pace chat.postMessage per channel, and WebClient keeps to the pace", async () => {
    await start();
    const other = slack.addChannel({ name: "other" }).id;
    slack.setRateLimits({ enabled: true, perChannelPerSecond: 1, channelBurst: 1 });
    const client = clientFor(slack, { retryConfig: quickRetries });

    await client.chat.postMessage({ channel, text: "first" });
    await client.chat.postMessage({ channel: other, text: "elsewhere" }); // another channel is not held back
    const started = Date.now();
    await client.chat.postMessage({ channel, text: "second" });
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(slack.callsTo("chat.postMessage").map((c) => c.status)).toEqual([200, 200, 429, 200]);
    expect(slack.messages(channel).map((m) => m.text)).toEqual(["first", "second"]);
  });

  it("bound chat.postMessage across the workspace", async () => {
    const clock = new ManualClock(Date.UTC(2025, 0, 1));
    await start({ now: clock.now });
    slack.setRateLimits({ enabled: true, workspacePerMinute: 3, channelBurst: 10 });
    const client = clientFor(slack, { rejectRateLimitedCalls: true });
    const channels = ["a", "b", "c", "d"].map((name) => slack.addChannel({ name }).id);
    for (const id of channels.slice(0, 3)) await client.chat.postMessage({ channel: id, text: "x" });
    await expect(client.chat.postMessage({ channel: channels[3]!, text: "x" })).rejects.toMatchObject({ retryAfter: 60 });
  });

  it("tell a benchmark the least time a workload needs", async () => {
    await start();
    const posts = (n: number, ch = "C1") => Array.from({ length: n }, () => ({ method: "chat.postMessage", channel: ch }));
    expect(minimumDurationMs(posts(5), { perChannelPerSecond: 1, channelBurst: 1 })).toBe(4000);
    expect(minimumDurationMs(posts(5), { perChannelPerSecond: 1, channelBurst: 3 })).toBe(2000);
    expect(minimumDurationMs([...posts(3, "C1"), ...posts(3, "C2")], { channelBurst: 3 })).toBe(0);
    expect(minimumDurationMs(Array.from({ length: 21 }, () => ({ method: "conversations.create" })))).toBe(60_000);
    slack.setRateLimits({ channelBurst: 2 });
    expect(slack.minimumDurationMs(posts(4))).toBe(2000);
  });
});
