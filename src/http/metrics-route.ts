import type { CustomRoute } from "@slack/bolt";
import type { Registry } from "prom-client";

/** GET /metrics in Prometheus' text format. */
export function metricsRoute(registry: Registry): CustomRoute {
  return {
    path: "/metrics",
    method: ["GET"],
    handler: async (_req, res) => {
      res.writeHead(200, { "content-type": registry.contentType });
      res.end(await registry.metrics());
    },
  };
}
