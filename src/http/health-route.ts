import type { CustomRoute } from "@slack/bolt";
import { type Db, ping } from "../db/client";

/**
 * GET /healthz: 200 when the database answers, 503 when it does not (so orchestrators restart or
 * wait). It says no more than that: which database runs behind it is nobody's business outside.
 */
export function healthRoute(db: Db): CustomRoute {
  return {
    path: "/healthz",
    method: ["GET"],
    handler: async (_req, res) => {
      const reachable = await ping(db);
      res.writeHead(reachable ? 200 : 503, { "content-type": "application/json", "cache-control": "no-store" });
      res.end(JSON.stringify({ status: reachable ? "ok" : "unavailable" }));
    },
  };
}
