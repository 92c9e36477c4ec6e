import cron from "node-cron";

export interface Scheduler {
  /** Stops firing, and resolves once a tick in progress has finished. */
  stop(): Promise<void>;
}

/**
 * Fires `tick` on the cron expression (config CONVENE_TICK). A tick still running when the next
 * is due makes that one skip (`noOverlap`); ticks catch up on their own, since each plans from
 * what is stored. `tick` logs its own errors: a failed tick is retried by the next one.
 */
export function startScheduler({ cron: expression, tick }: { cron: string; tick: (now: Date) => Promise<unknown> }): Scheduler {
  if (!cron.validate(expression)) throw new Error(`CONVENE_TICK "${expression}" is not a valid cron expression.`);
  let running: Promise<unknown> = Promise.resolve();
  const task = cron.schedule(expression, () => (running = tick(new Date())), { name: "convene-reminders", noOverlap: true });
  return {
    async stop() {
      await task.stop();
      await running.catch(() => undefined);
    },
  };
}
