/**
 * People: the one place a Person row is read by Slack id or created. A row made without Slack's
 * profile (an imported facilitator, a first RSVP click) has no profileReadAt, so the next lookup
 * through people-service's ensurePerson completes it from users.info.
 */
import type { Person as PersonRow } from "../generated/sqlite/client";
import type { Db, Provider, Tx } from "./client";
import { upsertRacing } from "./upsert";

/** A person as stored: what the layers above read, so none of them names Prisma's type. */
export type Person = PersonRow;

export interface ReminderPreferences {
  dmReminders: boolean;
  remindersOff: boolean;
  remindersSnoozedTill: Date | null;
}

export const findPerson = (db: Db | Tx, slackUserId: string): Promise<Person | null> => db.person.findUnique({ where: { slackUserId } });

export interface Profile {
  name: string;
  email: string | null;
  /** The account's Slack team: another workspace's for someone in a Slack Connect channel. */
  slackTeamId: string | null;
  timezone: string | null;
  organizationId: string | null;
  deactivatedAt: Date | null;
}

/** Writes what users.info said, creating the person when new. */
export function saveProfile(db: Db, slackUserId: string, profile: Profile, readAt: Date): Promise<Person> {
  const data = { ...profile, profileReadAt: readAt };
  return upsertRacing(() => db.person.upsert({ where: { slackUserId }, create: { slackUserId, ...data }, update: data }));
}

/**
 * The id of the person a Slack id names, created from what the caller knows (a name) when new,
 * inside the caller's transaction where users.info cannot be asked. Completed on the next lookup.
 */
export async function personIdFor(db: Db | Tx, slackUserId: string, name: string): Promise<string> {
  // Most are known: a plain read costs a third of an upsert, on the path every RSVP click takes.
  const known = await db.person.findUnique({ where: { slackUserId }, select: { id: true } });
  if (known) return known.id;
  const person = await upsertRacing(() =>
    db.person.upsert({ where: { slackUserId }, create: { slackUserId, name }, update: {}, select: { id: true } }),
  );
  return person.id;
}

export async function setOrganization(db: Db | Tx, personId: string, organizationId: string): Promise<Person> {
  return db.person.update({ where: { id: personId }, data: { organizationId } });
}

export async function setReminderPreferences(db: Db | Tx, personId: string, prefs: Partial<ReminderPreferences>): Promise<void> {
  await db.person.update({ where: { id: personId }, data: prefs });
}

/** Makes someone staff; false when they already were. */
export async function grantStaff(tx: Tx, personId: string): Promise<boolean> {
  const { count } = await tx.person.updateMany({ where: { id: personId, isStaff: false }, data: { isStaff: true } });
  return count === 1;
}

/**
 * Holds the staff rows until the transaction ends, so that two staff removals at once are counted
 * one after the other: on PostgreSQL the second waits for the first's row locks, then counts what
 * the first left. SQLite runs one writing transaction at a time already.
 */
export async function lockStaff(tx: Tx, provider: Provider): Promise<void> {
  if (provider === "postgresql") await tx.$queryRaw`SELECT "id" FROM "Person" WHERE "isStaff" = true FOR UPDATE`;
}

/** Staff granted in Convene, not deactivated, other than this person. */
export function otherActiveStaff(tx: Db | Tx, personId: string): Promise<number> {
  return tx.person.count({ where: { isStaff: true, deactivatedAt: null, id: { not: personId } } });
}

/** How many of these Slack users are known and deactivated. */
export function deactivatedAmong(tx: Db | Tx, slackUserIds: readonly string[]): Promise<number> {
  return tx.person.count({ where: { slackUserId: { in: [...slackUserIds] }, deactivatedAt: { not: null } } });
}

/** Staff's decision about a person: staff or not, and the organization they are confirmed in (or their email's). */
export async function setRoles(
  tx: Tx,
  personId: string,
  roles: { isStaff: boolean; memberOverride: boolean; organizationId: string | null },
): Promise<void> {
  await tx.person.update({ where: { id: personId }, data: roles });
}

/** Each person's own zone, by id; null when Slack never said. */
export async function timezonesOf(db: Db | Tx, personIds: readonly string[]): Promise<Map<string, string | null>> {
  const rows = await db.person.findMany({ where: { id: { in: [...personIds] } }, select: { id: true, timezone: true } });
  return new Map(rows.map((p) => [p.id, p.timezone]));
}
