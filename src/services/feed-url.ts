import { createHmac, timingSafeEqual } from "node:crypto";
import type { Config } from "../config";

/** Where calendar feeds are served; the token is the feed's only secret. */
export const CALENDAR_ROUTE = "/calendar/:token.ics";

/** The public address of a programme's or group's iCalendar feed (CONVENE_PUBLIC_URL, else this machine). */
export function feedUrl(config: Pick<Config, "CONVENE_PUBLIC_URL" | "PORT">, token: string): string {
  const base = (config.CONVENE_PUBLIC_URL ?? `http://localhost:${config.PORT}`).replace(/\/+$/, "");
  return `${base}${CALENDAR_ROUTE.replace(":token", encodeURIComponent(token))}`;
}

/** Where one session's .ics download is served ("Download .ics" beside Google and Outlook). */
export const SESSION_CALENDAR_ROUTE = "/calendar/session/:token.ics";

type DownloadConfig = Pick<Config, "CONVENE_PUBLIC_URL" | "PORT" | "SLACK_SIGNING_SECRET">;

/** A session's id and a MAC of it under the signing secret: unguessable, and nothing to store. */
const mac = (config: Pick<Config, "SLACK_SIGNING_SECRET">, sessionId: string) =>
  createHmac("sha256", `convene-session-ics:${config.SLACK_SIGNING_SECRET}`).update(sessionId).digest("hex").slice(0, 32);

/** The address that downloads one session as an .ics file. */
export function sessionIcsUrl(config: DownloadConfig, sessionId: string): string {
  const base = (config.CONVENE_PUBLIC_URL ?? `http://localhost:${config.PORT}`).replace(/\/+$/, "");
  return `${base}${SESSION_CALENDAR_ROUTE.replace(":token", encodeURIComponent(`${sessionId}-${mac(config, sessionId)}`))}`;
}

/** Sessions as lists show them, each with its "Download .ics" address. */
export const withIcsLinks = <T extends { id: string }>(config: DownloadConfig, sessions: readonly T[]): (T & { icsUrl: string })[] =>
  sessions.map((s) => ({ ...s, icsUrl: sessionIcsUrl(config, s.id) }));

/** The session a download token names, or null when the token is not one Convene made. */
export function sessionOfIcsToken(config: Pick<Config, "SLACK_SIGNING_SECRET">, token: string): string | null {
  const cut = token.lastIndexOf("-");
  if (cut <= 0) return null;
  const sessionId = token.slice(0, cut);
  const given = Buffer.from(token.slice(cut + 1));
  const expected = Buffer.from(mac(config, sessionId));
  return given.length === expected.length && timingSafeEqual(given, expected) ? sessionId : null;
}
