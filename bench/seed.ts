/**
 * Rows the scenarios store before measuring, written in bulk straight through Prisma: a
 * programme open for sign-ups and proposals, its groups, sessions and sent reminders.
 */
import { randomUUID } from "node:crypto";
import type { Db } from "../src/db/client";
import { insertChunked } from "./support";

const DAY = 24 * 60 * 60_000;
export const ZONE = "America/Chicago";

export async function seedProgramme(db: Db, now: Date, opts: { announcementChannelId?: string } = {}): Promise<string> {
  const programme = await db.programme.create({
    data: {
      slug: `bench-${randomUUID().slice(0, 8)}`,
      name: "Communities of Practice 2021-2022",
      kind: "COP_COHORT",
      timezone: ZONE,
      announcementChannelId: opts.announcementChannelId ?? null,
      signupOpensAt: new Date(now.getTime() - 30 * DAY),
      signupClosesAt: new Date(now.getTime() + 30 * DAY),
      proposalsDueAt: new Date(now.getTime() + 30 * DAY),
      calendarToken: randomUUID(),
    },
    select: { id: true },
  });
  return programme.id;
}

export const groupName = (i: number) => `Working group ${i} on school culture`;

/** `count` open groups named `groupName(from..)`, with the channel `channelOf(i)` gives, if any. */
export async function seedGroups(db: Db, programmeId: string, count: number, opts: { from?: number; channelOf?: (i: number) => string } = {}): Promise<string[]> {
  const from = opts.from ?? 0;
  const rows = Array.from({ length: count }, (_, k) => {
    const i = from + k;
    return {
      id: `bgrp${programmeId.slice(-6)}${String(i).padStart(7, "0")}`,
      programmeId,
      slug: `wg-${i}`,
      name: groupName(i),
      nameKey: groupName(i).toLowerCase(),
      kind: "COP" as const,
      status: "OPEN" as const,
      capacity: 25,
      description: `Group ${i}: practitioners comparing notes every month.`,
      topics: ["culture"],
      channelId: opts.channelOf?.(i) ?? null,
      calendarToken: randomUUID(),
    };
  });
  await insertChunked(rows, (chunk) => db.group.createMany({ data: chunk }));
  return rows.map((r) => r.id);
}

export interface SessionSpec {
  groupId: string | null;
  startsAt: Date;
}

const localOf = (d: Date) => d.toISOString().slice(0, 16); // the zone is not what is measured

/**
 * Sessions as the programme import writes them, and for each one in the past, the reminder that
 * went out the day before: a store that has run for years holds about as many deliveries.
 */
export async function seedSessions(db: Db, programmeId: string, specs: readonly SessionSpec[], now: Date): Promise<void> {
  const rows = specs.map((s) => ({
    id: `bses${randomUUID().replace(/-/g, "").slice(0, 20)}`,
    programmeId,
    groupId: s.groupId,
    key: `bench-${randomUUID()}`,
    title: "Monthly meeting",
    format: "IN_PERSON" as const,
    localStart: localOf(s.startsAt),
    timezone: ZONE,
    durationMinutes: 60,
    startsAt: s.startsAt,
    endsAt: new Date(s.startsAt.getTime() + 60 * 60_000),
    location: "Room 204",
  }));
  await insertChunked(rows, (chunk) => db.session.createMany({ data: chunk }));
  const sent = rows
    .filter((r) => r.startsAt < now)
    .map((r) => {
      const dueAt = new Date(r.startsAt.getTime() - DAY);
      return {
        dedupeKey: `session:${r.id}:1440:GROUP_CHANNEL`,
        kind: "reminder",
        sessionId: r.id,
        channelId: "CHISTORY",
        payload: { kind: "reminder", audience: "GROUP_CHANNEL", offsetMinutes: 1440, startsAt: r.startsAt.toISOString() },
        dueAt,
        status: "SENT" as const,
        attempts: 1,
        sentAt: dueAt,
        messageTs: `${Math.floor(dueAt.getTime() / 1000)}.000100`,
      };
    });
  await insertChunked(sent, (chunk) => db.delivery.createMany({ data: chunk }));
}
