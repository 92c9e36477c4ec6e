/**
 * When Convene will next post anything, for the clock bar's "to next reminder": reminders,
 * deadline reminders, change notices, attendance prompts and owed DMs alike. The scheduler's own
 * planner run over the coming year, read-only, plus the outbox's pending rows. Sending stays
 * with the scheduler's tick.
 */
import type { Db } from "../db/client";
import { pendingAfter, planningWindow, reminderRules } from "../outbox/delivery-repository";
import { ATTENDANCE_PROMPT_EXPIRES_MINUTES, type DeliveryPayload, plan } from "../domain/reminder-plan";

const YEAR_MS = 366 * 24 * 3600_000;

export interface NextPost {
  at: Date;
  /** Where it will be posted: a channel, or a person's id for a DM. */
  channelIds: string[];
}

export async function nextPost(db: Db, now: Date, admins: readonly string[] = []): Promise<NextPost | null> {
  const until = new Date(now.getTime() + YEAR_MS);
  // Sessions that ended lately may still owe an attendance prompt.
  const from = new Date(now.getTime() - (ATTENDANCE_PROMPT_EXPIRES_MINUTES + 24 * 60) * 60_000);
  const window = await planningWindow(db, { from, sessionsUntil: until, deadlinesUntil: until, sentSince: now, admins });
  const deliveries = window.deliveries.map((d) => ({ ...d, payload: d.payload as DeliveryPayload }));
  const planned = plan({
    now,
    sessions: window.sessions,
    deadlines: window.deadlines,
    rules: await reminderRules(db),
    blackouts: window.blackouts,
    deliveries,
  });
  const skipped = new Set(planned.skip.map((s) => s.id));
  // Follow-ups (DMs, invites) wait in the outbox too.
  const outbox = await pendingAfter(db, now);
  const pending = [
    ...outbox.filter((d) => !skipped.has(d.id)),
    ...planned.create.filter((d) => d.status === "PENDING"),
    ...planned.update.map((u) => ({ dueAt: u.dueAt, channelId: u.channelId })),
  ].filter((d) => d.dueAt > now);
  if (pending.length === 0) return null;
  const at = Math.min(...pending.map((d) => d.dueAt.getTime()));
  const channelIds = [...new Set(pending.filter((d) => d.dueAt.getTime() === at && d.channelId).map((d) => d.channelId!))];
  return { at: new Date(at), channelIds };
}
