import { WebAPIHTTPError, WebAPIPlatformError, WebAPIRateLimitedError } from "@slack/web-api";
import { RateLimitedTooLong, SlackPacer } from "../../src/outbox/pacer";

/** The pacer's timing on Jest's clock: each call records when it started, by channel. */
describe("the Slack pacer", () => {
  let starts: { channel: string; at: number; attempt: number }[];
  let t0: number;
  beforeEach(() => {
    jest.useFakeTimers();
    t0 = Date.now();
    starts = [];
  });
  afterEach(() => jest.useRealTimers());

  const call =
    (channel: string, fail: (n: number) => Error | undefined = () => undefined) =>
    async (attempt: number) => {
      starts.push({ channel, at: Date.now() - t0, attempt });
      const err = fail(starts.filter((s) => s.channel === channel).length);
      if (err) throw err;
      return channel;
    };
  const settle = async <T>(promises: Promise<T>[], ms: number) => {
    const all = Promise.allSettled(promises);
    await jest.advanceTimersByTimeAsync(ms);
    return all;
  };

  it("posts into one channel at most once a second, and into different channels at once", async () => {
    const pacer = new SlackPacer();
    await settle(
      [pacer.send("C1", call("C1")), pacer.send("C1", call("C1")), pacer.send("C2", call("C2")), pacer.send("C1", call("C1"))],
      5000,
    );
    expect(starts.map((s) => `${s.channel}@${s.at}`)).toEqual(["C1@0", "C2@0", "C1@1000", "C1@2000"]);
  });

  it("has at most maxInFlight calls under way, starting the next as soon as one ends", async () => {
    const pacer = new SlackPacer({ maxInFlight: 2 });
    let running = 0;
    let most = 0;
    const slow = (channel: string) => async () => {
      starts.push({ channel, at: Date.now() - t0, attempt: 1 });
      most = Math.max(most, ++running);
      await new Promise((resolve) => setTimeout(resolve, 100));
      running--;
    };
    await settle(
      ["C1", "C2", "C3", "C4", "C5"].map((c) => pacer.send(c, slow(c))),
      1000,
    );
    expect(most).toBe(2);
    expect(starts.map((s) => s.at)).toEqual([0, 0, 100, 100, 200]);
  });

  it("keeps the workspace within its calls per minute", async () => {
    const pacer = new SlackPacer({ workspacePerMinute: 3 });
    await settle(
      ["C1", "C2", "C3", "C4", "C5"].map((c) => pacer.send(c, call(c))),
      61_000,
    );
    expect(starts.map((s) => s.at)).toEqual([0, 0, 0, 60_000, 60_000]);
  });

  it("holds every call back for as long as a 429's Retry-After says, then retries", async () => {
    const pacer = new SlackPacer();
    const limited = pacer.send(
      "C1",
      call("C1", (n) => (n === 1 ? new WebAPIRateLimitedError(3) : undefined)),
    );
    await jest.advanceTimersByTimeAsync(1);
    const other = pacer.send("C2", call("C2"));
    await jest.advanceTimersByTimeAsync(5000);
    await expect(Promise.all([limited, other])).resolves.toEqual(["C1", "C2"]);
    // A rate-limited try is not an attempt: the retry is still attempt 1.
    expect(starts.map((s) => `${s.channel}@${s.at}#${s.attempt}`)).toEqual(["C1@0#1", "C2@3000#1", "C1@3000#1"]);
  });

  it("hands a long Retry-After back to the caller", async () => {
    const pacer = new SlackPacer({ maxRateLimitWaitMs: 10_000 });
    const [result] = await settle(
      [
        pacer.send(
          "C1",
          call("C1", () => new WebAPIRateLimitedError(60)),
        ),
      ],
      100,
    );
    expect(result).toMatchObject({ status: "rejected", reason: expect.any(RateLimitedTooLong) });
  });

  it("retries a 5xx with growing backoff, telling the call which attempt it is", async () => {
    const pacer = new SlackPacer({ backoffMs: 500 });
    const fail = (n: number) => (n <= 2 ? new WebAPIHTTPError(503, "Service Unavailable", {}) : undefined);
    const [result] = await settle([pacer.send("C1", call("C1", fail))], 10_000);
    expect(result).toEqual({ status: "fulfilled", value: "C1" });
    expect(starts.map((s) => [s.at, s.attempt])).toEqual([
      [0, 1],
      [1000, 2],
      [2000, 3],
    ]);
  });

  it("gives up on a 5xx after its retries, and never retries a plain refusal", async () => {
    const pacer = new SlackPacer({ retries: 2, backoffMs: 10 });
    const [unavailable, archived] = await settle(
      [
        pacer.send(
          "C1",
          call("C1", () => new WebAPIHTTPError(502, "Bad Gateway", {})),
        ),
        pacer.send(
          "C2",
          call("C2", () => new WebAPIPlatformError({ ok: false, error: "is_archived" })),
        ),
      ],
      10_000,
    );
    expect(unavailable).toMatchObject({ status: "rejected", reason: expect.any(WebAPIHTTPError) });
    expect(archived).toMatchObject({ status: "rejected", reason: expect.any(WebAPIPlatformError) });
    expect(starts.map((s) => s.channel)).toEqual(["C1", "C2", "C1", "C1"]);
  });
});
