/** What an iCalendar feed shows, found by the feed's token (a person's, a programme's or a group's). */
import type { CalendarDeadline, CalendarSession } from "../domain/calendar-events";
import { isWholeDay } from "../domain/programme-file";
import type { Db, Tx } from "./client";
import { scopeOf } from "./directory-repository";
import { newCalendarToken } from "./programme-repository";

export interface CalendarSource {
  /** A personal feed names its owner, whose account the service checks before serving it. */
  owner: { personId: string; slackUserId: string } | null;
  name: string;
  filename: string;
  programmeSlug: string;
  timezone: string;
  sessions: CalendarSession[];
  deadlines: CalendarDeadline[];
}

/** Which sessions a feed carries, and which of them show their meeting link. */
interface Selection {
  programmeIds: string[];
  /** Only these groups' sessions, plus every programme-wide one; all sessions when null. */
  groupIds: string[] | null;
  /** A session shows its link only in its attendee's own feed: never in a shared feed. */
  linkFor: (session: { groupId: string | null; programmeId: string }) => boolean;
  /** Programmes whose facilitators-only sessions are included. */
  facilitatorOf: readonly string[];
}

/**
 * The feed a token opens. A person's feed: their groups' sessions, the programme-wide sessions
 * and deadlines of those groups' programmes (of every active programme for someone in no group
 * yet), with meeting links for their own groups' sessions and their programmes' programme-wide
 * ones. A group's or programme's feed can be passed around, so it carries no meeting link.
 */
export async function findCalendarSource(db: Db | Tx, token: string): Promise<CalendarSource | null> {
  const person = await db.person.findUnique({ where: { calendarToken: token }, select: { id: true, slackUserId: true, name: true } });
  if (person) {
    const scope = await scopeOf(db, person.id);
    const programmeIds = scope.programmeIds.length
      ? scope.programmeIds
      : (await db.programme.findMany({ where: { status: "ACTIVE" }, select: { id: true } })).map((p) => p.id);
    const mine = new Set(scope.groupIds);
    const theirProgrammes = new Set(scope.programmeIds);
    const first = await db.programme.findFirst({ where: { id: { in: programmeIds } }, orderBy: { slug: "asc" } });
    return load(
      db,
      {
        owner: { personId: person.id, slackUserId: person.slackUserId },
        name: "My Convene calendar",
        filename: "convene.ics",
        programmeSlug: first?.slug ?? "convene",
        timezone: first?.timezone ?? "UTC",
      },
      {
        programmeIds,
        groupIds: scope.groupIds,
        linkFor: (s) => (s.groupId ? mine.has(s.groupId) : theirProgrammes.has(s.programmeId)),
        facilitatorOf: scope.facilitatorOfProgrammes,
      },
    );
  }
  const programme = await db.programme.findUnique({ where: { calendarToken: token } });
  const group = programme ? null : await db.group.findUnique({ where: { calendarToken: token }, include: { programme: true } });
  const owner = programme ?? group?.programme;
  if (!owner) return null;
  return load(
    db,
    {
      owner: null,
      name: group ? `${group.name} (${owner.name})` : owner.name,
      filename: `${group ? `${owner.slug}-${group.slug}` : owner.slug}.ics`,
      programmeSlug: owner.slug,
      timezone: owner.timezone,
    },
    { programmeIds: [owner.id], groupIds: group ? [group.id] : null, linkFor: () => false, facilitatorOf: [] },
  );
}

/** The group names a feed shows beside a session: its own group's and the groups it features. */
const sessionNames = { group: { select: { name: true } }, featuredGroups: { select: { group: { select: { name: true } } } } } as const;

type SessionWithNames = Omit<CalendarSession, "programmeSlug" | "groupName" | "featuredGroupNames" | "meetingUrl"> & {
  group: { name: string } | null;
  featuredGroups: { group: { name: string } }[];
};

/** A session read with `sessionNames`, as a feed carries it; the caller decides whether its link shows. */
const calendarSession = (s: SessionWithNames, meetingUrl: string | null): Omit<CalendarSession, "programmeSlug"> => ({
  key: s.key,
  title: s.title,
  description: s.description,
  groupName: s.group?.name ?? null,
  featuredGroupNames: s.featuredGroups.map((f) => f.group.name).sort(),
  startsAt: s.startsAt,
  endsAt: s.endsAt,
  location: s.location,
  meetingUrl,
  status: s.status,
  sequence: s.sequence,
  updatedAt: s.updatedAt,
});

async function load(db: Db | Tx, head: Omit<CalendarSource, "sessions" | "deadlines">, which: Selection): Promise<CalendarSource> {
  const [sessions, deadlines] = await Promise.all([
    db.session.findMany({
      where: {
        programmeId: { in: which.programmeIds },
        AND: [
          ...(which.groupIds ? [{ OR: [{ groupId: { in: which.groupIds } }, { groupId: null }] }] : []),
          // Facilitators-only sessions only in their facilitators' own feeds: a shared feed can be passed around.
          { OR: [{ audience: "EVERYONE" as const }, { audience: "FACILITATORS" as const, programmeId: { in: [...which.facilitatorOf] } }] },
        ],
      },
      orderBy: [{ startsAt: "asc" }, { key: "asc" }],
      include: { programme: { select: { slug: true } }, ...sessionNames },
    }),
    db.deadline.findMany({
      where: { programmeId: { in: which.programmeIds } },
      orderBy: [{ dueAt: "asc" }, { key: "asc" }],
      include: { programme: { select: { slug: true } } },
    }),
  ]);
  return {
    ...head,
    sessions: sessions.map((s) => ({ programmeSlug: s.programme.slug, ...calendarSession(s, which.linkFor(s) ? s.meetingUrl : null) })),
    deadlines: deadlines.map((d) => ({
      programmeSlug: d.programme.slug,
      key: d.key,
      title: d.title,
      description: d.description,
      wholeDay: isWholeDay(d.kind, d.localDue),
      localDue: d.localDue,
      timezone: d.timezone,
      dueAt: d.dueAt,
      sequence: d.sequence,
      updatedAt: d.updatedAt,
    })),
  };
}

/**
 * One session as its own calendar file (the "Download .ics" of a reminder or a list), with its
 * meeting link as the Google and Outlook links beside it carry it. Null for an unknown session.
 */
export async function findSessionDownload(db: Db | Tx, sessionId: string): Promise<Omit<CalendarSource, "owner"> | null> {
  const s = await db.session.findUnique({
    where: { id: sessionId },
    include: { programme: { select: { slug: true, timezone: true } }, ...sessionNames },
  });
  if (!s) return null;
  return {
    name: s.group ? `${s.group.name} · ${s.title}` : s.title,
    filename: `${s.programme.slug}-${s.key.replace(/[^a-z0-9-]+/gi, "-")}.ics`,
    programmeSlug: s.programme.slug,
    timezone: s.programme.timezone,
    sessions: [calendarSession(s, s.meetingUrl)],
    deadlines: [],
  };
}

/** A person's feed token, minted the first time it is asked for. */
export async function personalCalendarToken(db: Db | Tx, personId: string): Promise<string> {
  const person = await db.person.findUniqueOrThrow({ where: { id: personId }, select: { calendarToken: true } });
  if (person.calendarToken) return person.calendarToken;
  // Two first views at once: the conditional write lets one token win, and both read it back.
  await db.person.updateMany({ where: { id: personId, calendarToken: null }, data: { calendarToken: newCalendarToken() } });
  return (await db.person.findUniqueOrThrow({ where: { id: personId }, select: { calendarToken: true } })).calendarToken!;
}

/** Replaces a feed's token, so that its old address stops working; null revokes a person's. */
export async function replaceCalendarToken(
  db: Db | Tx,
  owner: { personId: string } | { groupId: string } | { programmeId: string },
  revoke = false,
): Promise<string | null> {
  const token = revoke ? null : newCalendarToken();
  if ("personId" in owner) await db.person.update({ where: { id: owner.personId }, data: { calendarToken: token } });
  else if ("groupId" in owner) await db.group.update({ where: { id: owner.groupId }, data: { calendarToken: token! } });
  else await db.programme.update({ where: { id: owner.programmeId }, data: { calendarToken: token! } });
  return token;
}
