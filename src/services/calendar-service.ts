/** The iCalendar feeds: one per person, and one per programme and per group, each at an unguessable token. */
import { programmeBySlug } from "../db/programme-repository";
import type { WebClient } from "@slack/web-api";
import type { Config } from "../config";
import { findCalendarSource, findSessionDownload, personalCalendarToken, replaceCalendarToken } from "../db/calendar-repository";
import type { Db } from "../db/client";
import { forbidden, notFound } from "../errors";
import { renderCalendar } from "../views/calendar-feed";
import { escapeMrkdwn } from "../views/message";
import type { Services } from "./context";
import { findGroup } from "./directory-service";
import { feedUrl, sessionOfIcsToken } from "./feed-url";
import { isStaff } from "./people-service";

/**
 * The feed for a token, or null for an unknown one. A personal feed works only while its owner's
 * Slack account does: once Slack reports them deactivated, the token is revoked for good.
 */
export async function calendarFor(db: Db, client: WebClient, token: string): Promise<{ filename: string; ics: string } | null> {
  const source = await findCalendarSource(db, token);
  if (!source) return null;
  if (source.owner) {
    // Slack not answering is no reason to withhold a calendar; a deactivation is seen on a later poll.
    const user = await client.users.info({ user: source.owner.slackUserId }).then(
      (r) => r.user,
      () => undefined,
    );
    if (user?.deleted) {
      await replaceCalendarToken(db, { personId: source.owner.personId }, true);
      return null;
    }
  }
  const ics = renderCalendar({
    name: source.name,
    programmeSlug: source.programmeSlug,
    timezone: source.timezone,
    sessions: source.sessions,
    deadlines: source.deadlines,
  });
  return { filename: source.filename, ics };
}

/** One session's .ics file for a download token (`feed-url.ts`), or null for a token Convene did not make. */
export async function sessionCalendarFor(
  db: Db,
  config: Pick<Config, "SLACK_SIGNING_SECRET">,
  token: string,
): Promise<{ filename: string; ics: string } | null> {
  const sessionId = sessionOfIcsToken(config, token);
  const source = sessionId ? await findSessionDownload(db, sessionId) : null;
  if (!source) return null;
  return {
    filename: source.filename,
    ics: renderCalendar({
      name: source.name,
      programmeSlug: source.programmeSlug,
      timezone: source.timezone,
      sessions: source.sessions,
      deadlines: [],
    }),
  };
}

/** The address of a person's own feed, minted on first use. */
export async function personalFeedUrl(services: Pick<Services, "db" | "config">, personId: string): Promise<string> {
  return feedUrl(services.config, await personalCalendarToken(services.db, personId));
}

/** A person's own feed gets a new address; the old one stops working at once. */
export async function resetPersonalFeed(services: Pick<Services, "db" | "config">, personId: string): Promise<string> {
  return feedUrl(services.config, (await replaceCalendarToken(services.db, { personId }))!);
}

/**
 * Staff give a programme's or group's feed a new address (a programme by its slug, else a group by
 * name), when a link went where it should not: the old address stops working at once.
 */
export async function resetSharedFeed(services: Services, actorSlackId: string, query: string): Promise<{ name: string; url: string }> {
  if (!(await isStaff(services, actorSlackId))) throw forbidden("reset a programme's or group's calendar link");
  const programme = await programmeBySlug(services.db, query);
  if (programme)
    return {
      name: programme.name,
      url: feedUrl(services.config, (await replaceCalendarToken(services.db, { programmeId: programme.id }))!),
    };
  const match = await findGroup(services, query, null);
  if (match.kind !== "found")
    throw notFound(
      `No programme or group is called "${escapeMrkdwn(query)}". \`/convene admin programmes\` lists programmes; \`/convene groups\` lists groups.`,
    );
  return { name: match.group.name, url: feedUrl(services.config, (await replaceCalendarToken(services.db, { groupId: match.group.id }))!) };
}
