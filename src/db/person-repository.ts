/** A person's settings: reminder preferences, and staff standing granted in Slack. */
import type { ReminderSettings } from "../views/home-view";
import type { Db, Tx } from "./client";

export async function setReminderPreferences(db: Db | Tx, personId: string, prefs: Partial<ReminderSettings>): Promise<void> {
  await db.person.update({ where: { id: personId }, data: prefs });
}

/** Makes someone staff; false when they already were. */
export async function grantStaff(tx: Tx, personId: string): Promise<boolean> {
  const { count } = await tx.person.updateMany({ where: { id: personId, isStaff: false }, data: { isStaff: true } });
  return count === 1;
}
