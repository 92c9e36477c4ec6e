/**
 * Gives memory back once a busy spell is over. Under a burst V8 grows its heap and keeps it: its
 * own memory reducer did not shrink it in a minute of idling after the bench's loads (RSS flat at
 * about 200 MB). A full, compacting collection run once the event loop has been quiet for a while
 * returns the pages to the system; it pauses the loop for some tens of milliseconds, which a quiet
 * process can spare. The young generation is emptied sooner, as soon as a spell's work has run
 * out (nurseryCheck), so that the next crowd starts with room. Both need node's --expose-gc (npm
 * start and the image pass it); without it nothing is started.
 */
import { performance } from "node:perf_hooks";
import type { Logger } from "./logger";

const CHECK_EVERY_MS = 1000;
/**
 * Seconds in a row the event loop must be this idle, with no Slack request in them, before a
 * collection. The collection stops the loop for about 100 ms and leaves V8's young generation at
 * its smallest, so the next crowd pays for both: at 2 s, crowds 3 s apart each met a collection on
 * arrival and were acked 3-4x slower. Utilization alone does not tell a spell is over: crowds of
 * 50 `/convene help` every 1.3 s keep the loop 2% busy, and met a collection every 12-17 s.
 * A spell over for 5 s is likely to stay over for a while.
 */
const QUIET_CHECKS = 5;
const QUIET_UTILIZATION = 0.05;
/** Growth since the last collection worth a pause: less, and there is little to give back. */
const GROWN_BYTES = 8 * 1024 * 1024;

/** How often the loop is looked at for the end of a spell's work, to empty the young generation then. */
const NURSERY_CHECK_MS = 200;

/**
 * Whether to collect the young generation now: the span just checked was quiet and the one before
 * was busy, so the work a crowd left (its saves, its Slack calls) has just run out. Done then, a
 * collection finds little alive and takes a millisecond or two; left to V8, it comes when the
 * nursery fills, mostly during the next crowd, when 50 requests' payloads are alive and have to be
 * copied (2-7 ms of that crowd's acks, against bare Bolt's 0.3-1).
 */
export function nurseryCheck(wasBusy: boolean, utilization: number): { collect: boolean; busy: boolean } {
  const busy = utilization >= QUIET_UTILIZATION;
  return { collect: wasBusy && !busy, busy };
}

export interface IdleState {
  quietChecks: number;
  /** Resident memory just after the last collection; 0 before the first, so start-up's garbage goes too. */
  rssAfterCollection: number;
}

export const initialIdleState = (): IdleState => ({ quietChecks: 0, rssAfterCollection: 0 });

/** One check's verdict: collect now, or not, and the state for the next check. */
export function idleCheck(
  state: IdleState,
  sample: { utilization: number; requested: boolean; rss: number },
): { collect: boolean; next: IdleState } {
  const quietChecks = sample.utilization < QUIET_UTILIZATION && !sample.requested ? state.quietChecks + 1 : 0;
  const collect = quietChecks >= QUIET_CHECKS && sample.rss > state.rssAfterCollection + GROWN_BYTES;
  return { collect, next: { ...state, quietChecks: collect ? 0 : quietChecks } };
}

type Collect = (options: { type: "major"; flavor: "last-resort" } | { type: "minor" }) => void;

/**
 * Starts the checks, on a timer that never keeps the process alive, when node exposes `gc`.
 * `lastRequestAt` is when the latest Slack request came in, as performance.now().
 */
export function startIdleCollector(logger: Logger, lastRequestAt: () => number): void {
  const gc = (globalThis as { gc?: Collect }).gc;
  if (typeof gc !== "function") {
    logger.debug("node runs without --expose-gc: memory is not given back after a busy spell");
    return;
  }
  let wasBusy = false;
  let lastLook = performance.eventLoopUtilization();
  const nursery = setInterval(() => {
    const now = performance.eventLoopUtilization();
    const { collect, busy } = nurseryCheck(wasBusy, performance.eventLoopUtilization(now, lastLook).utilization);
    wasBusy = busy;
    if (collect) gc({ type: "minor" });
    lastLook = now;
  }, NURSERY_CHECK_MS);
  nursery.unref();
  let state = initialIdleState();
  let last = performance.eventLoopUtilization();
  let lastCheckAt = performance.now();
  const timer = setInterval(() => {
    const now = performance.eventLoopUtilization();
    const { collect, next } = idleCheck(state, {
      utilization: performance.eventLoopUtilization(now, last).utilization,
      requested: lastRequestAt() >= lastCheckAt,
      rss: process.memoryUsage.rss(),
    });
    last = now;
    lastCheckAt = performance.now();
    state = next;
    if (!collect) return;
    const before = process.memoryUsage.rss();
    const started = performance.now();
    // "last-resort" compacts and releases free pages; a plain major collection keeps them for reuse.
    gc({ type: "major", flavor: "last-resort" });
    state = { ...state, rssAfterCollection: process.memoryUsage.rss() };
    last = performance.eventLoopUtilization();
    logger.debug(
      { ms: Math.round(performance.now() - started), rssMbBefore: mb(before), rssMbAfter: mb(state.rssAfterCollection) },
      "gave memory back after a busy spell",
    );
  }, CHECK_EVERY_MS);
  timer.unref();
}

const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);
