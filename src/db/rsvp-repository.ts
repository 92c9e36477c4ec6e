import type { Db } from "./client";
import { upsertRacing } from "./upsert";

export type RsvpResponse = "GOING" | "NOT_GOING";

/** One answer per person per session: a second click changes it. */
export async function upsertRsvp(db: Db, rsvp: { sessionId: string; personId: string; response: RsvpResponse }): Promise<void> {
  await upsertRacing(() =>
    db.rsvp.upsert({
      where: { sessionId_personId: { sessionId: rsvp.sessionId, personId: rsvp.personId } },
      create: rsvp,
      update: { response: rsvp.response },
    }),
  );
}

/**
 * How many session ids one count asks about. Prisma splits a long `in` list for findMany but not
 * for groupBy, and SQLite refuses a statement with more than 999 parameters: a tick with a
 * thousand reminders due must not fail whole.
 */
const IDS_PER_QUERY = 500;

/** Going and not-going counts per session; sessions nobody answered for are absent. */
export async function rsvpCounts(db: Db, sessionIds: readonly string[]): Promise<Map<string, { going: number; notGoing: number }>> {
  const counts = new Map<string, { going: number; notGoing: number }>();
  const rows = [];
  for (let i = 0; i < sessionIds.length; i += IDS_PER_QUERY) {
    const ids = sessionIds.slice(i, i + IDS_PER_QUERY);
    rows.push(...(await db.rsvp.groupBy({ by: ["sessionId", "response"], where: { sessionId: { in: ids } }, _count: { _all: true } })));
  }
  for (const row of rows) {
    const c = counts.get(row.sessionId) ?? { going: 0, notGoing: 0 };
    if (row.response === "GOING") c.going = row._count._all;
    else c.notGoing = row._count._all;
    counts.set(row.sessionId, c);
  }
  return counts;
}

export async function sessionForRsvp(db: Db, sessionId: string): Promise<{ status: "SCHEDULED" | "CANCELLED"; endsAt: Date } | null> {
  return db.session.findUnique({ where: { id: sessionId }, select: { status: true, endsAt: true } });
}
