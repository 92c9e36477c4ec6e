/**
 * Outbox rows for the Slack calls Convene owes after a submission (an invite, a DM). Claiming,
 * releasing and failing them use the shared functions of delivery-repository.ts.
 */
import type { Db, Tx } from "./client";

export interface FollowUpRow {
  dedupeKey: string;
  kind: string;
  channelId: string | null;
  payload: object;
}

/** Writes the rows whose dedupe key is new, in the caller's transaction; returns their ids. */
export async function insertFollowUps(tx: Tx, rows: readonly FollowUpRow[], now: Date): Promise<string[]> {
  if (rows.length === 0) return [];
  const known = new Set(
    (await tx.delivery.findMany({ where: { dedupeKey: { in: rows.map((r) => r.dedupeKey) } }, select: { dedupeKey: true } })).map((d) => d.dedupeKey),
  );
  const ids: string[] = [];
  for (const row of rows) {
    if (known.has(row.dedupeKey)) continue;
    known.add(row.dedupeKey);
    ids.push((await tx.delivery.create({ data: { ...row, dueAt: now }, select: { id: true } })).id);
  }
  return ids;
}

/**
 * Records a follow-up as done. Unlike a reminder's `markSent`, an invite posts no message, so
 * there may be no ts. Fenced on this instance's claim.
 */
export async function completeFollowUp(
  db: Db,
  id: string,
  opts: { instanceId: string; channelId: string; messageTs: string | null; sentAt: Date },
): Promise<boolean> {
  const { count } = await db.delivery.updateMany({
    where: { id, status: "CLAIMED", claimedBy: opts.instanceId },
    data: { status: "SENT", channelId: opts.channelId, messageTs: opts.messageTs, sentAt: opts.sentAt, leaseUntil: null, lastError: null },
  });
  return count === 1;
}

export async function groupChannel(db: Db, groupId: string): Promise<string | null> {
  const group = await db.group.findUnique({ where: { id: groupId }, select: { channelId: true } });
  return group?.channelId ?? null;
}

/** Whether someone belongs in a group's channel: seated in the group, or facilitating it. */
export async function keepsGroupChannel(db: Db, groupId: string, slackUserId: string): Promise<boolean> {
  const [seated, facilitating] = await Promise.all([
    db.membership.count({ where: { groupId, status: "ACTIVE", person: { slackUserId } } }),
    db.facilitator.count({ where: { groupId, person: { slackUserId } } }),
  ]);
  return seated + facilitating > 0;
}
