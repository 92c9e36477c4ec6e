/**
 * Rows the scenarios store before measuring, written in bulk straight through Prisma: a
 * programme open for sign-ups and proposals, its groups, sessions and sent reminders.
 */
import { randomUUID } from "node:crypto";
import type { Db } from "../src/db/client";
import { type BenchDb, insertChunked } from "./support";

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
export async function seedGroups(
  store: Pick<BenchDb, "db" | "provider">,
  programmeId: string,
  count: number,
  opts: { from?: number; channelOf?: (i: number) => string } = {},
): Promise<string[]> {
  const from = opts.from ?? 0;
  const rows = Array.from({ length: count }, (_, k) => {
    const i = from + k;
    return {
      id: `bgrp${programmeId.slice(-6)}${String(i).padStart(7, "0")}`,
      programmeId,
      slug: `wg-${i}`,
      name: groupName(i),
      nameKey: groupName(i).toLowerCase(),
      kind: "COP",
      status: "OPEN",
      capacity: 25,
      description: `Group ${i}: practitioners comparing notes every month.`,
      topics: ["culture"],
      channelId: opts.channelOf?.(i) ?? null,
      calendarToken: randomUUID(),
    };
  });
  await insertRaw(store, "Group", rows);
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
export async function seedSessions(
  store: Pick<BenchDb, "db" | "provider">,
  programmeId: string,
  specs: readonly SessionSpec[],
  now: Date,
): Promise<void> {
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
  await insertRaw(store, "Session", rows);
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
        status: "SENT",
        late: false,
        attempts: 1,
        sentAt: dueAt,
        messageTs: `${Math.floor(dueAt.getTime() / 1000)}.000100`,
      };
    });
  await insertRaw(store, "Delivery", sent);
}

type Value = string | number | boolean | Date | null | object;

/**
 * Rows written as multi-row INSERTs with literal values, thousands to a statement: Prisma's
 * createMany stays under SQLite's 999 parameters, a few dozen rows a statement, which makes
 * 100k rows take minutes. The values are the bench's own (ids, fixed text), so quoting suffices.
 * Columns Prisma fills itself (ids, @updatedAt) are filled here.
 */
export async function insertRaw(
  { db, provider }: Pick<BenchDb, "db" | "provider">,
  table: string,
  rows: readonly Record<string, Value>[],
  /** The columns Prisma would fill; an empty list for tables without them (attendance). */
  generated: readonly ("id" | "createdAt" | "updatedAt")[] = ["id", "createdAt", "updatedAt"],
): Promise<void> {
  if (rows.length === 0) return;
  const sqlite = provider === "sqlite";
  const now = new Date();
  const filled = { id: "", createdAt: now, updatedAt: now };
  const full = rows.map((r) => ({
    ...Object.fromEntries(generated.map((c) => [c, c === "id" ? `b${randomUUID().replace(/-/g, "").slice(0, 24)}` : filled[c]])),
    ...r,
  }));
  const columns = Object.keys(full[0]!);
  const literal = (v: Value): string => {
    if (v === null || v === undefined) return "NULL";
    if (typeof v === "number") return String(v);
    if (typeof v === "boolean") return sqlite ? (v ? "1" : "0") : String(v);
    // As the SQLite adapter writes DateTime (ISO text with +00:00); PostgreSQL reads either.
    if (v instanceof Date) return `'${sqlite ? v.toISOString().replace("Z", "+00:00") : v.toISOString()}'`;
    const text = typeof v === "string" ? v : JSON.stringify(v);
    return `'${text.replace(/'/g, "''")}'`;
  };
  await insertChunked(full, (chunk) =>
    db.$executeRawUnsafe(
      `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(", ")}) VALUES ${chunk.map((r) => `(${columns.map((c) => literal((r as Record<string, Value>)[c] ?? null)).join(", ")})`).join(", ")}`,
    ),
  );
}
