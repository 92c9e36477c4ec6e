import { startScheduler } from "../../src/scheduler/scheduler";

describe("the reminder scheduler", () => {
  it("ticks on the cron expression, never two at once, and stop waits for the running tick", async () => {
    const ticks: { at: Date; done: boolean }[] = [];
    let running = 0;
    let most = 0;
    const scheduler = startScheduler({
      cron: "* * * * * *",
      tick: async (at) => {
        const t = { at, done: false };
        ticks.push(t);
        most = Math.max(most, ++running);
        await new Promise((resolve) => setTimeout(resolve, 1500));
        running--;
        t.done = true;
      },
    });
    await new Promise((resolve) => setTimeout(resolve, 3200));
    await scheduler.stop();
    expect(ticks.length).toBeGreaterThanOrEqual(1);
    expect(ticks.length).toBeLessThanOrEqual(2);
    expect(most).toBe(1);
    expect(ticks.every((t) => t.done)).toBe(true);
    expect(Math.abs(ticks[0]!.at.getTime() - Date.now())).toBeLessThan(5000);
  });

  it("refuses a CONVENE_TICK that is not a cron expression", () => {
    expect(() => startScheduler({ cron: "every minute", tick: async () => undefined })).toThrow(
      /CONVENE_TICK "every minute" is not a valid cron expression/,
    );
  });
});
