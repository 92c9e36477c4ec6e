import type { CustomRoute } from "@slack/bolt";
import { type Db, ping, type Provider } from "../db/client";

/** GET /healthz: 200 when the database answers, 503 when it does not (so orchestrators restart or wait). */
export function healthRoute(db: Db, provider: Provider): CustomRoute {
  return {
    path: "/healthz",
    method: ["GET"],
    handler: async (_req, res) => {
      const reachable = await ping(db);
      res.writeHead(reachable ? 200 : 503, { "content-type": "application/json", "cache-control": "no-store" });
      res.end(JSON.stringify({ status: reachable ? "ok" : "unavailable", database: { provider, reachable } }));
    },
  };
}
