import type { CustomRoute } from "@slack/bolt";
import type { WebClient } from "@slack/web-api";
import type { ServerResponse } from "node:http";
import type { Config } from "../config";
import type { Db } from "../db/client";
import { calendarFor, sessionCalendarFor } from "../services/calendar-service";
import { CALENDAR_ROUTE, SESSION_CALENDAR_ROUTE } from "../services/feed-url";

function answer(
  res: ServerResponse,
  file: { filename: string; ics: string } | null,
  disposition: "inline" | "attachment",
  missing: string,
): void {
  if (!file) {
    res.writeHead(404, { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" });
    res.end(missing);
    return;
  }
  res.writeHead(200, {
    "content-type": "text/calendar; charset=utf-8",
    "content-disposition": `${disposition}; filename="${file.filename}"`,
    // Calendar apps poll; a short cache spares the database. Private: a feed is one person's
    // (or one group's), never for a shared cache between them and others.
    "cache-control": "private, max-age=300",
  });
  res.end(file.ics);
}

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
      answer(res, feed, "inline", "No calendar here. Copy the feed's address again from Convene in Slack.\n");
    },
  };
}

/** GET /calendar/session/<token>.ics: one session as a file to open in any calendar app (Apple Calendar, Outlook on the desktop). */
export function sessionCalendarRoute(db: Db, config: Pick<Config, "SLACK_SIGNING_SECRET">): CustomRoute {
  return {
    path: SESSION_CALENDAR_ROUTE,
    method: ["GET"],
    handler: async (req, res) => {
      const token = req.params?.token;
      const file = typeof token === "string" && token ? await sessionCalendarFor(db, config, token) : null;
      answer(res, file, "attachment", "No session here. Use the Download .ics button in Convene's message again.\n");
    },
  };
}
