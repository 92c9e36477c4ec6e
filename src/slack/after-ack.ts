import { setImmediate } from "node:timers/promises";

/** Enough to overlap one job's Slack calls with another's queries; few enough that an ack never waits long. */
const AT_ONCE = 4;

let running = 0;
const waiting: (() => void)[] = [];

/**
 * Runs work a listener does after its ack (saving an RSVP, a form acked early), a few jobs at a
 * time, each started on its own turn of the event loop. SQLite's queries run on the event loop,
 * and a job's chain of queries runs without a break: 500 clicks that arrived together and were
 * all let loose at once would hold up every ack still to come (the last waited 5 s). Queued,
 * the requests still arriving are acked between one job and the next.
 */
export async function afterAck<T>(job: () => Promise<T>): Promise<T> {
  if (running >= AT_ONCE) await new Promise<void>((resolve) => waiting.push(resolve));
  else running++;
  try {
    await setImmediate(); // requests that arrived meanwhile are read, and acked, first
    return await job();
  } finally {
    const next = waiting.shift();
    if (next) next();
    else running--;
  }
}

/** True while jobs wait their turn: a caller that could answer now rather than wait for one should. */
export const afterAckBusy = () => waiting.length > 0 || running >= AT_ONCE;
