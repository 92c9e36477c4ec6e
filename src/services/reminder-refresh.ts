import type { WebClient } from "@slack/web-api";
import type { Db } from "../db/client";
import { rsvpCounts } from "../db/rsvp-repository";
import type { RsvpCounts } from "../views/reminder-message";
import { type RefreshDeps, refreshSessionReminders } from "./reminder-service";

/** At most one re-render of a session's posted reminders a second from each process: Slack's chat.update is rate limited. */
export const REFRESH_INTERVAL_MS = 1000;

interface Pending {
  /** Set while a re-render waits for its turn; a click then needs nothing more. */
  timer: NodeJS.Timeout | null;
  running: Promise<void>;
  lastStartedAt: number;
  slack: WebClient;
}

const countsOf = async (db: Db, sessionId: string): Promise<RsvpCounts> =>
  (await rsvpCounts(db, [sessionId])).get(sessionId) ?? { going: 0, notGoing: 0 };
const same = (a: RsvpCounts, b: RsvpCounts) => a.going === b.going && a.notGoing === b.notGoing;

/**
 * Coalesces the re-renders RSVP clicks ask for: a burst of 500 clicks on one reminder becomes one
 * chat.update per message a second, each carrying the counts read when it starts, never one per click.
 * A click is saved before it asks, and a re-render that waits reads the counts after it, so the
 * last re-render shows every click this process saved. Across replicas, each re-render checks
 * once its update has landed that the counts it showed are still current (another replica's
 * older update may have landed after it) and goes again if not, so the message ends showing the
 * final counts whichever replica took the last click.
 */
export class ReminderRefresher {
  private readonly sessions = new Map<string, Pending>();

  /** `queue` runs each re-render, e.g. in turn with other work done after an ack. */
  constructor(private readonly deps: Omit<RefreshDeps, "slack"> & { queue?: <T>(job: () => Promise<T>) => Promise<T> }) {}

  /** Asks for the session's posted reminders to show the current counts soon (at once, if none was re-rendered this past second). */
  request(sessionId: string, slack: WebClient): void {
    const pending = this.sessions.get(sessionId) ?? { timer: null, running: Promise.resolve(), lastStartedAt: -Infinity, slack };
    this.sessions.set(sessionId, pending);
    pending.slack = slack;
    if (pending.timer) return;
    const wait = Math.max(0, pending.lastStartedAt + REFRESH_INTERVAL_MS - Date.now());
    pending.timer = setTimeout(() => this.run(sessionId, pending), wait);
  }

  /** Resolves once every re-render asked for so far has been done (stopping waits for this). */
  async idle(): Promise<void> {
    while (this.sessions.size) {
      const [sessionId, pending] = this.sessions.entries().next().value!;
      if (pending.timer) {
        clearTimeout(pending.timer);
        this.run(sessionId, pending);
      }
      const ran = pending.running;
      await ran;
      this.forgetIdle(sessionId, pending, ran);
    }
  }

  private run(sessionId: string, pending: Pending): void {
    pending.timer = null;
    pending.lastStartedAt = Date.now();
    const previous = pending.running;
    const current = (async () => {
      await previous; // one re-render of a session at a time from this process
      const { queue = (job) => job(), ...deps } = this.deps;
      const { db } = deps;
      try {
        const shown = await queue(() => countsOf(db, sessionId));
        await refreshSessionReminders({ ...deps, slack: pending.slack }, sessionId, shown);
        if (!same(shown, await queue(() => countsOf(db, sessionId)))) this.request(sessionId, pending.slack);
      } catch (err) {
        deps.logger.warn({ err, sessionId }, "could not update a session's posted reminders");
      }
    })();
    pending.running = current;
    // Forgotten once idle for a second, so the next click is not held back by this re-render.
    void current.then(() =>
      setTimeout(
        () => this.forgetIdle(sessionId, pending, current),
        Math.max(0, pending.lastStartedAt + REFRESH_INTERVAL_MS - Date.now()),
      ).unref(),
    );
  }

  private forgetIdle(sessionId: string, pending: Pending, ran: Promise<void>): void {
    if (pending.running === ran && !pending.timer && this.sessions.get(sessionId) === pending) this.sessions.delete(sessionId);
  }
}
