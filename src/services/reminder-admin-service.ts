/**
 * Staff's hold on reminders in Slack: the outbox (what goes out next, what failed, and retrying a
 * failure) and the reminder rules of a programme or a group. Staff is checked here for every call.
 * Rules are only written: the scheduler re-plans from them on its next tick, creating what a new
 * rule asks for and skipping the pending deliveries of a rule that is gone.
 */
import { z } from "zod";
import { writeAudit } from "../db/audit-repository";
import {
  deadlineDetails,
  failedDeliveries,
  planningWindow,
  type QueuedDelivery,
  reminderRules,
  retryFailedDelivery,
  sessionDetails,
  upcomingDeliveries,
} from "../outbox/delivery-repository";
import { type DeliveryPayload, plan } from "../domain/reminder-plan";
import {
  lockProgrammeRules,
  type ProgrammeRef,
  programmeRef,
  programmeRules,
  programmesWithGroups,
  replaceScopeRules,
} from "../db/reminder-rule-repository";
import {
  type OffsetItem,
  type ReminderAudience,
  type ReminderRule,
  type ReminderTarget,
  type ScopedReminderRule,
  resolveRules,
  rowsToStore,
} from "../domain/reminder-rules";
import { closest } from "../domain/suggest";
import { notFound } from "../errors";
import { QUEUE_LIMITS, type QueueEntry, type QueueView } from "../views/reminder-queue-modal";
import type { RulesForm, RulesScopeView, RulesSubmission } from "../views/reminder-rules-modal";
import type { Services } from "./context";
import { requireStaff } from "./staff-service";

const DAY_MS = 24 * 60 * 60_000;
export const QUEUE_DAYS = { upcoming: 7, failed: 14 } as const;

const offsetOf = z.object({ offsetMinutes: z.number() });

function entry(d: QueuedDelivery): QueueEntry {
  const payload = offsetOf.safeParse(d.payload);
  return {
    id: d.id,
    kind: d.kind,
    subject: d.subject,
    channelId: d.channelId,
    dueAt: d.dueAt,
    offsetMinutes: payload.success ? payload.data.offsetMinutes : null,
    attempts: d.attempts,
    lastError: d.lastError,
  };
}

/** What goes out in the next days (overdue included), and what failed lately. */
export async function deliveryQueue(services: Services, actor: string): Promise<Omit<QueueView, "zone" | "notice">> {
  await requireStaff(services, actor, "see the reminder queue");
  const now = services.now().getTime();
  const [upcoming, failed] = await Promise.all([
    upcomingDeliveries(services.db, { until: new Date(now + QUEUE_DAYS.upcoming * DAY_MS), limit: QUEUE_LIMITS.upcoming }),
    failedDeliveries(services.db, { since: new Date(now - QUEUE_DAYS.failed * DAY_MS), limit: QUEUE_LIMITS.failed }),
  ]);
  return {
    upcoming: { items: upcoming.items.map(entry), total: upcoming.total, days: QUEUE_DAYS.upcoming },
    failed: { items: failed.items.map(entry), total: failed.total, days: QUEUE_DAYS.failed },
    blocked: await blockedReminders(services, new Date(now), new Date(now + QUEUE_DAYS.upcoming * DAY_MS)),
  };
}

/** Stands in for a missing announcements channel, so the planner shows what would be posted there. */
const NO_CHANNEL = "(no announcements channel)";

/**
 * Reminders due in the window that have nowhere to go: the scheduler's own plan, with each
 * programme that has no announcements channel given a stand-in one; what lands there is blocked.
 */
async function blockedReminders(services: Services, from: Date, until: Date): Promise<QueueEntry[]> {
  const { db } = services;
  const window = await planningWindow(db, { from, sessionsUntil: until, deadlinesUntil: until, sentSince: from });
  const stand = <T extends { announcementChannelId: string | null }>(x: T) => ({
    ...x,
    announcementChannelId: x.announcementChannelId ?? NO_CHANNEL,
  });
  const planned = plan({
    now: from,
    sessions: window.sessions.map(stand),
    deadlines: window.deadlines.map(stand),
    rules: await reminderRules(db),
    blackouts: window.blackouts,
    deliveries: window.deliveries.map((d) => ({ ...d, payload: d.payload as DeliveryPayload })),
  });
  const blocked = planned.create
    .filter((d) => d.channelId === NO_CHANNEL && d.status === "PENDING" && d.dueAt <= until)
    .sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());
  const [sessions, deadlines] = await Promise.all([
    sessionDetails(db, [...new Set(blocked.flatMap((d) => d.sessionId ?? []))]),
    deadlineDetails(db, [...new Set(blocked.flatMap((d) => d.deadlineId ?? []))]),
  ]);
  const titles = new Map([...sessions, ...deadlines].map((x) => [x.id, { title: x.title, programmeName: x.programmeName }]));
  return blocked.map((d, i) => {
    const about = titles.get(d.sessionId ?? d.deadlineId ?? "");
    return {
      id: `blocked-${i}`,
      kind: d.kind,
      subject: about?.title ?? null,
      channelId: null,
      dueAt: d.dueAt,
      offsetMinutes: "offsetMinutes" in d.payload ? d.payload.offsetMinutes : null,
      attempts: 0,
      lastError: `${about?.programmeName ?? "The programme"} has no announcements channel: add \`announcements:\` to its file, or set one with \`/convene admin announcements\``,
    };
  });
}

/** Puts a failed delivery back in the queue; false when it was no longer failed. */
export async function retryDelivery(services: Services, actor: string, deliveryId: string): Promise<boolean> {
  await requireStaff(services, actor, "retry messages Convene could not send");
  return services.db.$transaction(async (tx) => {
    const retried = await retryFailedDelivery(tx, deliveryId);
    if (retried)
      await writeAudit(tx, {
        actor,
        action: "delivery.retry",
        entityType: "Delivery",
        entityId: deliveryId,
        detail: {},
        at: services.now(),
      });
    return retried;
  });
}

// ---------------------------------------------------------------- rules

export interface RulesScope {
  programmeId: string;
  groupId: string | null;
}

const hint = (typed: string, known: readonly string[]) => {
  const guess = closest(typed, [...known]);
  return guess ? ` Did you mean \`${guess}\`?` : "";
};
const programmeList = (all: readonly ProgrammeRef[]) => all.map((p) => `\`${p.slug}\``).join(", ");
/** Typed words are echoed in the reply: without mrkdwn's control characters. */
const echo = (typed: string) => typed.replace(/[<>&`]/g, "");

/**
 * The scope that `/convene reminders rules [programme] [group]` names, by slug; with no programme
 * named, the only active one. Refusals say what could be typed instead.
 */
export async function findRulesScope(
  services: Services,
  actor: string,
  words: { programme?: string; group?: string },
): Promise<RulesScope> {
  await requireStaff(services, actor, "change reminder rules");
  const all = await programmesWithGroups(services.db);
  if (all.length === 0) throw notFound("There is no programme yet. Import one with `npm run convene -- import FILE` first.");
  const programme = words.programme ? named(all, words.programme) : onlyActive(all);
  if (!words.group) return { programmeId: programme.id, groupId: null };
  const slug = words.group.toLowerCase();
  const group = programme.groups.find((g) => g.slug === slug);
  if (group) return { programmeId: programme.id, groupId: group.id };
  const groups = programme.groups.map((g) => g.slug);
  throw notFound(
    `\`${programme.slug}\` has no group \`${echo(words.group)}\`.${hint(slug, groups)}${groups.length ? ` Its groups: ${groups.map((g) => `\`${g}\``).join(", ")}.` : ""}`,
  );
}

function named(all: readonly ProgrammeRef[], typed: string): ProgrammeRef {
  const slug = typed.toLowerCase();
  const programme = all.find((p) => p.slug === slug);
  if (!programme)
    throw notFound(
      `There is no programme \`${echo(typed)}\`.${hint(
        slug,
        all.map((p) => p.slug),
      )} Programmes: ${programmeList(all)}.`,
    );
  return programme;
}

function onlyActive(all: readonly ProgrammeRef[]): ProgrammeRef {
  const active = all.filter((p) => p.status === "ACTIVE");
  if (active.length !== 1)
    throw notFound(`Say which programme: \`/convene reminders rules &lt;programme&gt; [group]\`, with one of ${programmeList(all)}.`);
  return active[0]!;
}

async function scopeView(services: Services, scope: RulesScope): Promise<RulesScopeView> {
  const programme = await programmeRef(services.db, scope.programmeId);
  const group = scope.groupId ? programme?.groups.find((g) => g.id === scope.groupId) : null;
  if (!programme || group === undefined) throw notFound("That programme or group no longer exists.");
  return { programmeId: programme.id, programmeName: programme.name, groupId: group?.id ?? null, groupName: group?.name ?? null };
}

const items = (rules: readonly ReminderRule[], audience: (a: ReminderAudience) => boolean): OffsetItem[] => {
  const seen = new Map<number, OffsetItem>();
  for (const r of rules)
    if (audience(r.audience) && !seen.has(r.offsetMinutes))
      seen.set(r.offsetMinutes, { offsetMinutes: r.offsetMinutes, onlyFormat: r.onlyFormat ?? null });
  return [...seen.values()].sort((a, b) => b.offsetMinutes - a.offsetMinutes);
};

/** The rules in force in a scope, per field of the form. */
function formOf(scope: RulesScopeView, stored: readonly ScopedReminderRule[]): RulesForm {
  const session = resolveRules(stored, { ...scope, target: "SESSION" });
  const deadline = scope.groupId ? null : resolveRules(stored, { ...scope, target: "DEADLINE" });
  return {
    scope,
    session: {
      channel: items(session.rules, (a) => a === "GROUP_CHANNEL"),
      announcements: items(session.rules, (a) => a === "ANNOUNCEMENTS"),
      dm: items(session.rules, (a) => a === "DM"),
      source: session.source,
    },
    // Deadlines are announced once: every channel audience means the announcement channel, and DMs have no recipients.
    deadline: deadline && { announcements: items(deadline.rules, (a) => a !== "DM"), source: deadline.source },
  };
}

export async function rulesForm(services: Services, actor: string, scope: RulesScope): Promise<RulesForm> {
  await requireStaff(services, actor, "change reminder rules");
  const view = await scopeView(services, scope);
  return formOf(view, await programmeRules(services.db, scope.programmeId));
}

const asRules = (target: ReminderTarget, audience: ReminderAudience, list: readonly OffsetItem[]): ReminderRule[] =>
  list.map((i) => ({ target, audience, offsetMinutes: i.offsetMinutes, onlyFormat: target === "SESSION" ? i.onlyFormat : null }));

/**
 * Replaces a scope's rules with what staff submitted, with its audit row, in one transaction. A
 * target whose submitted rules are empty, or are what the scope would inherit anyway, keeps no
 * rows of its own, so it goes on following its programme or the defaults.
 */
export async function replaceRules(services: Services, actor: string, scope: RulesScope, submitted: RulesSubmission): Promise<RulesForm> {
  await requireStaff(services, actor, "change reminder rules");
  const view = await scopeView(services, scope);
  const wanted: [ReminderTarget, ReminderRule[]][] = [
    [
      "SESSION",
      [
        ...asRules("SESSION", "GROUP_CHANNEL", submitted.session.channel),
        ...asRules("SESSION", "ANNOUNCEMENTS", submitted.session.announcements),
        ...asRules("SESSION", "DM", submitted.session.dm),
      ],
    ],
  ];
  if (!scope.groupId && submitted.deadline) wanted.push(["DEADLINE", asRules("DEADLINE", "ANNOUNCEMENTS", submitted.deadline)]);
  const now = services.now();
  const stored = await services.db.$transaction(async (tx) => {
    await lockProgrammeRules(tx, scope.programmeId, now);
    const before = await programmeRules(tx, scope.programmeId);
    const rows = wanted.flatMap(([target, rules]) => rowsToStore(before, scope, target, rules));
    await replaceScopeRules(tx, { ...scope, targets: wanted.map(([target]) => target) }, rows);
    const mine = (r: ScopedReminderRule) => r.groupId === scope.groupId && wanted.some(([target]) => target === r.target);
    const plain = ({ target, offsetMinutes, audience, onlyFormat }: ReminderRule) => ({
      target,
      offsetMinutes,
      audience,
      onlyFormat: onlyFormat ?? null,
    });
    await writeAudit(tx, {
      actor,
      action: "reminder_rules.replace",
      entityType: scope.groupId ? "Group" : "Programme",
      entityId: scope.groupId ?? scope.programmeId,
      detail: { programmeId: scope.programmeId, groupId: scope.groupId, before: before.filter(mine).map(plain), after: rows.map(plain) },
      at: now,
    });
    return programmeRules(tx, scope.programmeId);
  });
  return formOf(view, stored);
}
