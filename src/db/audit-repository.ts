/** The audit trail: one row per change staff (or the CLI) make, written in the change's own transaction. */
import type { Db, Tx } from "./client";

export interface AuditEntry {
  actor: string;
  action: string;
  entityType: string;
  entityId: string;
  detail: object;
  at: Date;
}

export async function writeAudit(tx: Tx, entry: AuditEntry): Promise<void> {
  await tx.auditLog.create({ data: entry });
}

/** The detail of the row that recorded `action` on an entity, if any. */
export async function auditDetail(db: Db | Tx, where: { action: string; entityType: string; entityId: string }): Promise<unknown> {
  return (await db.auditLog.findFirst({ where, orderBy: { at: "asc" }, select: { detail: true } }))?.detail;
}
