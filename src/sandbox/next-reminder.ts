/**
 * When the next reminder falls due, for the clock bar's "to next reminder": the scheduler's own
 * planner run over the coming year, read-only. Sending stays with the scheduler's tick.
 */
import type { Db } from "../db/client";
import { planningWindow, reminderRules } from "../db/delivery-repository";
import { type DeliveryPayload, plan } from "../domain/reminder-plan";

const YEAR_MS = 366 * 24 * 3600_000;
const REMINDERS = new Set(["reminder", "deadline_reminder"]);

export async function nextReminderAt(db: Db, now: Date): Promise<Date | null> {
  const until = new Date(now.getTime() + YEAR_MS);
  const window = await planningWindow(db, { from: now, sessionsUntil: until, deadlinesUntil: until, sentSince: now });
  const deliveries = window.deliveries.map((d) => ({ ...d, payload: d.payload as DeliveryPayload }));
  const planned = plan({ now, sessions: window.sessions, deadlines: window.deadlines, rules: await reminderRules(db), blackouts: window.blackouts, deliveries });
  const skipped = new Set(planned.skip.map((s) => s.id));
  const pending = [...deliveries.filter((d) => d.status === "PENDING" && !skipped.has(d.id)), ...planned.create.filter((d) => d.status === "PENDING")];
  const due = pending.filter((d) => REMINDERS.has(d.kind) && d.dueAt > now).map((d) => d.dueAt.getTime());
  return due.length ? new Date(Math.min(...due)) : null;
}
