import http from "node:http";
import type { AddressInfo } from "node:net";
import { performance } from "node:perf_hooks";
import { setTimeout as sleep } from "node:timers/promises";
import { Worker } from "node:worker_threads";
import { afterAck, afterAckBusy, crowdAcked, crowdOrTimeout, requestArrived } from "../../src/slack/after-ack";

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

describe("the end of a crowd", () => {
  /**
   * Request A is read and worked on for 60 ms; request B reaches the socket meanwhile, sent by
   * another thread. The next turn of the event loop runs the due quiet timer before it reads B:
   * the crowd is not over until B has been read.
   */
  it("counts a request that came in during a busy stretch and is not read yet when the quiet timer fires", async () => {
    const order: string[] = [];
    const server = http.createServer((req, res) => {
      requestArrived();
      order.push(`read ${req.url}`);
      if (req.url === "/a") {
        const until = performance.now() + 60;
        while (performance.now() < until);
      }
      res.end();
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const get = (path: string) => `GET ${path} HTTP/1.1\r\nHost: convene\r\n\r\n`;
    const sender = new Worker(
      `const net = require("node:net");
       const { parentPort, workerData } = require("node:worker_threads");
       const a = net.connect(workerData.port, "127.0.0.1"), b = net.connect(workerData.port, "127.0.0.1");
       let connected = 0;
       const ready = () => ++connected === 2 && parentPort.postMessage("ready");
       a.on("connect", ready); b.on("connect", ready);
       parentPort.on("message", () => {
         setTimeout(() => a.write(workerData.a), 3);
         setTimeout(() => b.write(workerData.b), 20);
       });`,
      { eval: true, workerData: { port: (server.address() as AddressInfo).port, a: get("/a"), b: get("/b") } },
    );
    try {
      await new Promise((resolve) => sender.once("message", resolve));
      await sleep(30); // whatever came before has passed
      requestArrived();
      sender.postMessage("go");
      await crowdAcked();
      order.push("crowd acked");
      expect(order).toEqual(["read /a", "read /b", "crowd acked"]);
    } finally {
      await sender.terminate();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
