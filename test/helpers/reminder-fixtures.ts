import { randomUUID } from "node:crypto";
import { DateTime } from "luxon";
import type { Db } from "../../src/db/client";

/** Rows for reminder tests, written straight through Prisma: a programme, its groups and sessions. */

export const ZONE = "America/Chicago";
export const instant = (local: string, zone = ZONE) => DateTime.fromISO(local, { zone }).toJSDate();

export async function seedProgramme(db: Db, opts: { slug?: string; announcementChannelId?: string | null } = {}) {
  const slug = opts.slug ?? `cop-${randomUUID().slice(0, 6)}`;
  return db.programme.create({
    data: {
      slug,
      name: "CoP 2021-2022",
      kind: "COP_COHORT",
      timezone: ZONE,
      announcementChannelId: opts.announcementChannelId === undefined ? "CANNOUNCE" : opts.announcementChannelId,
      calendarToken: randomUUID(),
    },
  });
}

export async function seedGroup(db: Db, programmeId: string, opts: { slug: string; channelId: string | null; name?: string }) {
  return db.group.create({
    data: {
      programmeId,
      slug: opts.slug,
      name: opts.name ?? opts.slug,
      nameKey: (opts.name ?? opts.slug).toLowerCase(),
      kind: "COP",
      topics: [],
      channelId: opts.channelId,
      calendarToken: randomUUID(),
    },
  });
}

export async function seedSession(
  db: Db,
  opts: {
    programmeId: string;
    groupId: string | null;
    localStart: string;
    key?: string;
    title?: string;
    format?: "VIRTUAL" | "IN_PERSON";
    durationMinutes?: number;
    agenda?: string;
  },
) {
  const startsAt = instant(opts.localStart);
  const durationMinutes = opts.durationMinutes ?? 60;
  return db.session.create({
    data: {
      programmeId: opts.programmeId,
      groupId: opts.groupId,
      // A whole UUID: a burst seeds a thousand sessions at one minute, and six hex digits collided.
      key: opts.key ?? `${opts.localStart}-${randomUUID()}`,
      title: opts.title ?? "Monthly meeting",
      format: opts.format ?? "IN_PERSON",
      localStart: opts.localStart,
      timezone: ZONE,
      durationMinutes,
      startsAt,
      endsAt: new Date(startsAt.getTime() + durationMinutes * 60_000),
      location: "Room 204",
      meetingUrl: opts.format === "VIRTUAL" ? "https://zoom.example/j/1" : null,
      agenda: opts.agenda,
    },
  });
}

/** Moves a session as the programme import or staff would: new wall-clock time, sequence bumped. */
export async function moveSession(db: Db, id: string, localStart: string) {
  const s = await db.session.findUniqueOrThrow({ where: { id } });
  const startsAt = instant(localStart, s.timezone);
  return db.session.update({
    where: { id },
    data: { localStart, startsAt, endsAt: new Date(startsAt.getTime() + s.durationMinutes * 60_000), sequence: { increment: 1 } },
  });
}
