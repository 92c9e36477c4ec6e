import type { Config } from "../config";

/** Where calendar feeds are served; the token is the feed's only secret. */
export const CALENDAR_ROUTE = "/calendar/:token.ics";

/** The public address of a programme's or group's iCalendar feed (CONVENE_PUBLIC_URL, else this machine). */
export function feedUrl(config: Pick<Config, "CONVENE_PUBLIC_URL" | "PORT">, token: string): string {
  const base = (config.CONVENE_PUBLIC_URL ?? `http://localhost:${config.PORT}`).replace(/\/+$/, "");
  return `${base}${CALENDAR_ROUTE.replace(":token", encodeURIComponent(token))}`;
}
