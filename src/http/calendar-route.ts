import type { CustomRoute } from "@slack/bolt";
import type { WebClient } from "@slack/web-api";
import type { Db } from "../db/client";
import { calendarFor } from "../services/calendar-service";
import { CALENDAR_ROUTE } from "../services/feed-url";

/**
 * GET /calendar/<token>.ics: a person's, programme's or group's iCalendar feed for Google Calendar
 * and Outlook to subscribe to. The token is the only secret, so an unknown one is a plain 404.
 */
export function calendarRoute(db: Db, client: () => WebClient): CustomRoute {
  return {
    path: CALENDAR_ROUTE,
    method: ["GET"],
    handler: async (req, res) => {
      const token = req.params?.token;
      const feed = typeof token === "string" && token ? await calendarFor(db, client(), token) : null;
      if (!feed) {
        res.writeHead(404, { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" });
        res.end("No calendar here. Copy the feed's address again from Convene in Slack.\n");
        return;
      }
      res.writeHead(200, {
        "content-type": "text/calendar; charset=utf-8",
        "content-disposition": `inline; filename="${feed.filename}"`,
        // Calendar apps poll; a short cache spares the database. Private: a feed is one person's
        // (or one group's), never for a shared cache between them and others.
        "cache-control": "private, max-age=300",
      });
      res.end(feed.ics);
    },
  };
}
