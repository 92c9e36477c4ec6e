import { performance } from "node:perf_hooks";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAck, afterAckBusy, crowdOrTimeout, requestArrived } from "../../src/slack/after-ack";

describe("after-ack work and crowds", () => {
  it("holds a job until requests stop arriving, so a crowd is acked before it is worked on", async () => {
    let lastArrival = 0;
    let startedAt = 0;
    requestArrived();
    const job = afterAck(async () => {
      startedAt = performance.now();
    });
    for (let i = 0; i < 10; i++) {
      await sleep(5);
      requestArrived();
      lastArrival = performance.now();
    }
    await job;
    expect(startedAt - lastArrival).toBeGreaterThanOrEqual(10);
  });

  it("answers a waiting form as soon as a crowd arrives, and a lone one when its time is up", async () => {
    await sleep(30); // whatever came before has passed
    expect(afterAckBusy()).toBe(false);
    const lone = performance.now();
    await crowdOrTimeout(40);
    expect(performance.now() - lone).toBeGreaterThanOrEqual(35);

    const waited = performance.now();
    const answered = crowdOrTimeout(5000);
    for (let i = 0; i < 9; i++) requestArrived();
    await answered;
    expect(performance.now() - waited).toBeLessThan(1000);
    expect(afterAckBusy()).toBe(true);
  });
});
