import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { timingSafeEqual } from "node:crypto";
import type { CustomRoute } from "@slack/bolt";
import type { Registry } from "prom-client";

/** Where the metrics are served: on the main port (the default), on a port of their own, or not guarded. */
export interface MetricsAccess {
  /** When set, /metrics answers only `Authorization: Bearer <token>`. */
  token?: string;
}

const bearerMatches = (header: string | undefined, token: string) => {
  const given = Buffer.from(/^Bearer (.+)$/i.exec(header ?? "")?.[1] ?? "");
  const wanted = Buffer.from(token);
  return given.length === wanted.length && timingSafeEqual(given, wanted);
};

async function serveMetrics(registry: Registry, access: MetricsAccess, req: IncomingMessage, res: ServerResponse) {
  if (access.token && !bearerMatches(req.headers.authorization, access.token)) {
    res.writeHead(401, { "www-authenticate": 'Bearer realm="metrics"', "cache-control": "no-store" });
    res.end();
    return;
  }
  res.writeHead(200, { "content-type": registry.contentType, "cache-control": "no-store" });
  res.end(await registry.metrics());
}

/** GET /metrics in Prometheus' text format, on the main port. */
export function metricsRoute(registry: Registry, access: MetricsAccess): CustomRoute {
  return { path: "/metrics", method: ["GET"], handler: (req, res) => serveMetrics(registry, access, req, res) };
}

/** GET /metrics on a port of its own (METRICS_PORT), which a firewall can keep private; nothing else there. */
export async function startMetricsServer(registry: Registry, access: MetricsAccess, port: number): Promise<Server> {
  const server = createServer((req, res) => {
    if (req.method === "GET" && (req.url ?? "").split("?")[0] === "/metrics") {
      serveMetrics(registry, access, req, res).catch(() => {
        res.writeHead(500);
        res.end();
      });
      return;
    }
    res.writeHead(404, { "content-type": "text/plain; charset=utf-8" });
    res.end("Only /metrics is served on this port.\n");
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, () => resolve());
  });
  return server;
}
