import { performance } from "node:perf_hooks";
import { setImmediate, setTimeout as sleep } from "node:timers/promises";

/** Enough to overlap one job's Slack calls with another's queries; few enough that an ack never waits long. */
const AT_ONCE = 4;
/** A crowd's requests arrive within a few milliseconds of each other: this long without one ends the crowd. */
const QUIET_MS = 12;
/** A steady stream of requests never holds the work back longer than this. */
const MAX_HOLD_MS = 250;

/** This many other requests within CROWD_WINDOW_MS make a crowd (a reminder answered, sign-ups opening). */
const CROWD = 8;
const CROWD_WINDOW_MS = 20;

let running = 0;
const waiting: (() => void)[] = [];
let lastArrival = Number.NEGATIVE_INFINITY;
/** The latest arrivals, one's own and CROWD before it. */
const recent: number[] = [];
const crowdWatchers = new Set<() => void>();

const crowded = (now: number) => recent.length > CROWD && now - recent[0]! < CROWD_WINDOW_MS;

/**
 * Called for every Slack request as it comes in, before its listener runs; a form sent again
 * (a double click) is not a new request, and is not counted.
 */
export function requestArrived(): void {
  const now = performance.now();
  lastArrival = now;
  recent.push(now);
  if (recent.length > CROWD + 1) recent.shift();
  if (crowded(now)) for (const wake of [...crowdWatchers]) wake();
}

/**
 * Resolves once no request has come in for QUIET_MS, or when a steady stream has held it for
 * MAX_HOLD_MS. Each look comes after the event loop has read its sockets (setImmediate): a timer
 * runs before that, so after a busy stretch the requests waiting to be read would not count, and
 * work let loose then held up every one of them (a crowd's last 15 acks waited behind its saves).
 */
export async function crowdAcked(): Promise<void> {
  const held = performance.now();
  for (;;) {
    await setImmediate();
    const now = performance.now();
    const quietIn = QUIET_MS - (now - lastArrival);
    if (quietIn <= 0 || now - held >= MAX_HOLD_MS) return;
    await sleep(Math.ceil(quietIn));
  }
}

/**
 * Runs work a listener does after its ack (saving an RSVP, a form acked early), a few jobs at a
 * time, each started once no request has come in for QUIET_MS. SQLite's queries run on the event
 * loop, and a job's chain of queries runs without a break: work let loose while a crowd's
 * requests are still arriving holds up every ack still to come. Held back until the crowd has
 * been acked, the work costs an ack nothing, and a lone request's work waits a few milliseconds.
 */
export async function afterAck<T>(job: () => Promise<T>): Promise<T> {
  if (running >= AT_ONCE) await new Promise<void>((resolve) => waiting.push(resolve));
  else running++;
  try {
    await crowdAcked();
    return await job();
  } finally {
    const next = waiting.shift();
    if (next) next();
    else running--;
  }
}

/** When the latest Slack request came in (performance.now()), for the idle collector: a loop with requests is not idle. */
export const lastRequestAt = () => lastArrival;

/** True while a crowd is arriving or jobs wait their turn: a caller that could answer now rather than wait for its job should. */
export const afterAckBusy = () => waiting.length > 0 || running >= AT_ONCE || crowded(performance.now());

/**
 * Resolves after `ms`, or as soon as a crowd starts arriving: a caller waiting on its job answers
 * then instead. Either way its watcher is dropped, so lone requests leave nothing behind.
 */
export function crowdOrTimeout(ms: number): Promise<void> {
  return new Promise((resolve) => {
    const wake = () => {
      clearTimeout(timer);
      crowdWatchers.delete(wake);
      resolve();
    };
    const timer = setTimeout(wake, ms).unref();
    crowdWatchers.add(wake);
  });
}
