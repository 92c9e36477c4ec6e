import { WebAPIHTTPError, WebAPIRateLimitedError, WebAPIRequestError, type WebClientOptions } from "@slack/web-api";

/**
 * Paces the scheduler's calls to Slack: at most one message per second into a channel, a bounded
 * number per minute across the workspace, a pause for as long as a 429's Retry-After says, and
 * retries with backoff after a 5xx or a network failure.
 *
 * We own rate limiting and retries instead of leaving them to @slack/web-api, whose client pauses
 * its whole request queue on a 429 (so one busy channel would hold up every other) and whose
 * default policy retries a failed call for up to half an hour out of our sight. Worse, it would
 * retry a chat.postMessage that timed out or met a 5xx, which may have been posted: we must look
 * in the channel before posting again. So the scheduler's client is built with
 * `SCHEDULER_CLIENT_OPTIONS` (no retries of its own, 429s handed back), its own instance, apart
 * from the one answering requests, and every call it makes goes through `send`, which only
 * awaits timers: the event loop, and so the handling of incoming requests, is never blocked.
 */

export const SCHEDULER_CLIENT_OPTIONS: WebClientOptions = {
  retryConfig: { retries: 0 },
  rejectRateLimitedCalls: true,
  timeout: 30_000,
};

export interface PacerOptions {
  /** Least time between two calls into one channel. */
  perChannelIntervalMs: number;
  /** Calls per rolling minute across the workspace (Slack publishes no exact figure: a few hundred). */
  workspacePerMinute: number;
  /** A Retry-After longer than this is handed back to the caller (as `RateLimitedTooLong`), which can come back later. */
  maxRateLimitWaitMs: number;
  /** Retries after a 5xx or a network failure, with exponential backoff from `backoffMs`. */
  retries: number;
  backoffMs: number;
  /**
   * Calls under way at once. Each holds a database connection for its claim and its mark: a burst
   * must leave the pool to the requests people are waiting on, and not queue past its timeout.
   */
  maxInFlight: number;
}

export const DEFAULT_PACER_OPTIONS: PacerOptions = {
  perChannelIntervalMs: 1000,
  workspacePerMinute: 300,
  maxRateLimitWaitMs: 120_000,
  retries: 4,
  backoffMs: 500,
  maxInFlight: 4,
};

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** How often to look again when the workspace's budget is taken by calls still in flight. */
const IN_FLIGHT_POLL_MS = 25;

/** Slack asked for a longer pause than the caller should hold its work for. */
export class RateLimitedTooLong extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super(`Slack is rate limiting: retry after ${retryAfterSeconds}s`);
    this.name = "RateLimitedTooLong";
  }
}

/** A 5xx or a failed request: the call may or may not have taken effect at Slack. */
export const isUncertainFailure = (err: unknown) =>
  err instanceof WebAPIRequestError || (err instanceof WebAPIHTTPError && err.statusCode >= 500);

export class SlackPacer {
  private readonly options: PacerOptions;
  /** Per channel: the calls queued into it, and when the last one started. Channels are few. */
  private readonly channels = new Map<string, { chain: Promise<unknown>; lastAt: number }>();
  /** End times of the calls in the last minute, oldest first. */
  private readonly recent: number[] = [];
  /** Callers wait for a workspace turn in order, so a crowd does not wake together. */
  private gate: Promise<void> = Promise.resolve();
  private pausedUntil = 0;
  private inFlight = 0;
  /** Wakes the caller at the head of the gate when a call ends and frees a place. */
  private onCallEnd: (() => void) | undefined;

  constructor(options: Partial<PacerOptions> = {}) {
    this.options = { ...DEFAULT_PACER_OPTIONS, ...options };
  }

  /**
   * Runs `call` in turn with the other calls into `channel`, when the channel and the workspace
   * have room. `attempt` starts at 1 and grows with each retry after an uncertain failure, so a
   * caller can check whether the earlier attempt took effect. Rate-limited tries are not attempts.
   */
  send<T>(channel: string, call: (attempt: number) => Promise<T>): Promise<T> {
    let slot = this.channels.get(channel);
    if (!slot) this.channels.set(channel, (slot = { chain: Promise.resolve(), lastAt: 0 }));
    const turn = slot;
    const run = turn.chain.then(() => this.attempt(turn, call));
    turn.chain = run.catch(() => undefined);
    return run;
  }

  private async attempt<T>(slot: { lastAt: number }, call: (attempt: number) => Promise<T>): Promise<T> {
    for (let attempt = 1, failures = 0, retryAt = 0; ; ) {
      await sleep(Math.max(0, slot.lastAt + this.options.perChannelIntervalMs - Date.now(), retryAt - Date.now()));
      await this.workspaceTurn();
      try {
        return await call(attempt);
      } catch (err) {
        if (err instanceof WebAPIRateLimitedError) {
          const waitMs = err.retryAfter * 1000;
          if (waitMs > this.options.maxRateLimitWaitMs) throw new RateLimitedTooLong(err.retryAfter);
          // Slack's limits are per method per workspace (and per channel for posting): holding
          // every call back for the pause is the safe reading.
          this.pausedUntil = Math.max(this.pausedUntil, Date.now() + waitMs);
          continue;
        }
        if (!isUncertainFailure(err) || failures >= this.options.retries) throw err;
        retryAt = Date.now() + this.options.backoffMs * 2 ** failures++;
        attempt++;
      } finally {
        // Measured from when a call ended: Slack counts arrivals, which come after our start by
        // however long the call took to leave (a database claim, the network), never after its end.
        const end = Date.now();
        slot.lastAt = end;
        this.inFlight--;
        this.recent.push(end);
        this.onCallEnd?.();
      }
    }
  }

  private workspaceTurn(): Promise<void> {
    const turn = this.gate.then(() => this.waitForRoom());
    this.gate = turn.catch(() => undefined);
    return turn;
  }

  private async waitForRoom(): Promise<void> {
    const limit = this.options.workspacePerMinute;
    for (;;) {
      if (this.inFlight >= this.options.maxInFlight) {
        await new Promise<void>((resolve) => (this.onCallEnd = resolve));
        this.onCallEnd = undefined;
        continue;
      }
      const now = Date.now();
      while (this.recent.length > 0 && this.recent[0]! <= now - 60_000) this.recent.shift();
      // How many of the last minute's calls must age out first; in-flight calls count as just made.
      const excess = this.recent.length + this.inFlight - limit + 1;
      const untilRoom = excess <= 0 ? 0 : excess <= this.recent.length ? this.recent[excess - 1]! + 60_000 - now : IN_FLIGHT_POLL_MS;
      const wait = Math.max(this.pausedUntil - now, untilRoom);
      if (wait <= 0) {
        this.inFlight++;
        return;
      }
      await sleep(wait);
    }
  }
}
