import { performance } from "node:perf_hooks";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAck, afterAckBusy, crowdOrTimeout, requestArrived } from "../../src/slack/after-ack";

describe("after-ack work and crowds", () => {
  it("holds a job until requests stop arriving, so a crowd is acked before it is worked on", async () => {
    const arrivals: number[] = [];
    const arrive = () => {
      requestArrived();
      arrivals.push(performance.now());
    };
    let startedAt = 0;
    arrive();
    const job = afterAck(async () => {
      startedAt = performance.now();
    });
    for (let i = 0; i < 10; i++) {
      await sleep(5);
      arrive();
    }
    await job;
    // A busy machine may stretch a 5 ms sleep past the quiet time: what holds is that the job
    // started only after 12 ms without an arrival (less a timer's rounding), or when its longest hold (250 ms) was up.
    const lastBefore = arrivals.filter((t) => t <= startedAt).at(-1)!;
    expect(startedAt - arrivals[0]!).toBeGreaterThanOrEqual(11);
    if (startedAt - arrivals[0]! < 250) expect(startedAt - lastBefore).toBeGreaterThanOrEqual(11);
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
    expect(afterAckBusy()).toBe(true);
    await answered;
    expect(performance.now() - waited).toBeLessThan(1000);
  });
});
