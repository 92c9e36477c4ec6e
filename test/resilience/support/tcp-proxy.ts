import { createServer, type Server, type Socket, connect } from "node:net";
import type { AddressInfo } from "node:net";

/**
 * A loopback TCP proxy in front of a server (PostgreSQL), which a test can cut: `block()` drops
 * every open connection and refuses new ones, as a database host that went away does;
 * `unblock()` listens again on the same port. `stall()` is a host that stops answering instead:
 * connections stay open (new ones are accepted) and nothing comes back, until `unblock()`.
 */
export class TcpProxy {
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();
  private stalled = false;
  port = 0;

  private constructor(private readonly target: { host: string; port: number }) {}

  static async start(target: { host: string; port: number }): Promise<TcpProxy> {
    const proxy = new TcpProxy(target);
    await proxy.unblock();
    return proxy;
  }

  stall(): void {
    this.stalled = true;
    for (const s of this.sockets) s.unpipe().pause();
  }

  unblock(): Promise<void> {
    if (this.stalled) {
      // The stalled connections are lost; the client's pool opens new ones.
      this.stalled = false;
      for (const s of this.sockets) s.destroy();
    }
    // Already listening: a second server would fail on the port and, kept, orphan the first.
    if (this.server) return Promise.resolve();
    const server = createServer((client) => {
      if (this.stalled) {
        this.sockets.add(client.on("close", () => this.sockets.delete(client)).on("error", () => client.destroy()));
        return;
      }
      const upstream = connect(this.target.port, this.target.host);
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on("close", () => this.sockets.delete(s));
        s.on("error", () => {
          client.destroy();
          upstream.destroy();
        });
      }
      client.pipe(upstream).pipe(client);
    });
    return new Promise((resolve, reject) => {
      server.once("error", reject);
      server.listen(this.port, "127.0.0.1", () => {
        this.server = server;
        this.port = (server.address() as AddressInfo).port;
        resolve();
      });
    });
  }

  async block(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    for (const s of this.sockets) s.destroy();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  stop(): Promise<void> {
    return this.block();
  }
}
