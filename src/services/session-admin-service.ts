/**
 * Staff schedule, move and cancel sessions in Slack. Each change is one transaction with its
 * audit row and bumps the session's SEQUENCE, so subscribed calendars update and the reminder
 * planner (which re-plans from sessions on every tick) re-times reminders and posts change or
 * cancellation notices where reminders already went out. A resubmitted form changes nothing.
 */
import { createHash } from "node:crypto";
import { writeAudit } from "../db/audit-repository";
import { groupCards, groupRecord, programmes } from "../db/directory-repository";
import {
  cancelSession as cancelSessionRow,
  insertSession,
  schedulableSessions,
  sessionByKey,
  sessionRecord,
  type SessionRecord,
  type SessionWrite,
  updateSession,
} from "../db/schedule-repository";
import { isUniqueViolation } from "../db/upsert";
import { matchGroup } from "../domain/group-match";
import { isSkippedByClockChange, localInstant } from "../domain/occurrences";
import { staffSessionKey } from "../domain/session-keys";
import { fieldErrors, notFound, UserError } from "../errors";
import type { SessionItem } from "../views/agenda-items";
import { SESSION_BLOCKS, type ScopeOption, type SessionForm } from "../views/session-modal";
import type { Services } from "./context";
import { requireStaff } from "./staff-service";

export interface SessionFormData {
  session?: SessionRecord;
  scopes: ScopeOption[];
  zones: string[];
  defaultZone: string;
}

/** What the session form offers: groups and programmes of active programmes, and their zones. */
export async function sessionFormData(services: Services, actor: string, sessionId?: string): Promise<SessionFormData> {
  await requireStaff(services, actor, sessionId ? "edit sessions" : "schedule sessions");
  const [active, groups] = await Promise.all([
    programmes(services.db, { activeOnly: true }),
    groupCards(services.db, null, services.now()),
  ]);
  if (active.length === 0)
    throw notFound("There is no active programme to schedule a session in. Import one with `npm run convene -- import FILE` first.");
  const scopes: ScopeOption[] = active.flatMap((p) => [
    { value: `programme:${p.id}`, label: `Everyone in ${p.name}` },
    { value: `facilitators:${p.id}`, label: `Only the facilitators of ${p.name}` },
    ...groups.filter((g) => g.programmeId === p.id && g.status !== "ENDED").map((g) => ({ value: `group:${g.id}`, label: g.name })),
  ]);
  const zones = [...new Set(active.map((p) => p.timezone))];
  const base = { scopes, zones, defaultZone: zones[0] ?? services.config.CONVENE_TIMEZONE };
  if (!sessionId) return base;
  const session = await sessionRecord(services.db, sessionId);
  if (!session) throw notFound("That session no longer exists.");
  return { ...base, session };
}

/** The next scheduled sessions, for staff to pick one. */
export async function sessionChoices(services: Services): Promise<SessionRecord[]> {
  return schedulableSessions(services.db, { from: services.now(), limit: 100 });
}

/**
 * The upcoming scheduled sessions on a local date ("YYYY-MM-DD", in each session's zone) that a
 * few words name: a group's name or the session's title. Several when the words fit more than one.
 */
export async function findSessionsOn(services: Services, actor: string, words: string, date: string): Promise<SessionRecord[]> {
  await requireStaff(services, actor, "edit sessions");
  const onDate = (await sessionChoices(services)).filter((s) => s.localStart.startsWith(`${date}T`));
  if (!words.trim()) return onDate;
  const match = matchGroup(
    words,
    onDate.map((s) => ({ name: `${s.groupName ?? ""} ${s.title}`, slug: s.key, session: s })),
  );
  return match.kind === "found" ? [match.group.session] : match.kind === "ambiguous" ? match.groups.map((g) => g.session) : [];
}

export async function sessionItem(services: Pick<Services, "db">, sessionId: string): Promise<SessionItem> {
  const s = await sessionRecord(services.db, sessionId);
  if (!s) throw notFound("That session no longer exists.");
  return {
    id: s.id,
    title: s.title,
    groupName: s.groupName,
    programmeName: s.programmeName,
    startsAt: s.startsAt,
    endsAt: s.endsAt,
    status: s.status,
    format: s.format,
    location: s.location,
    meetingUrl: s.meetingUrl,
    description: s.description,
  };
}

/** Wall-clock time in its zone is the truth; the instants follow from it. */
function timing(form: SessionForm): SessionWrite {
  if (isSkippedByClockChange(form.localStart, form.timezone)) {
    throw fieldErrors({
      [SESSION_BLOCKS.time]: `The clocks change then: ${form.localStart.slice(11)} does not happen on that day in ${form.timezone}. Pick another time.`,
    });
  }
  const startsAt = localInstant(form.localStart, form.timezone);
  return {
    title: form.title,
    description: form.description,
    format: form.format,
    localStart: form.localStart,
    timezone: form.timezone,
    durationMinutes: form.durationMinutes,
    startsAt,
    endsAt: new Date(startsAt.getTime() + form.durationMinutes * 60_000),
    location: form.location,
    meetingUrl: form.meetingUrl,
  };
}

export async function createSession(
  services: Services,
  actor: string,
  input: { form: SessionForm; submissionKey: string },
): Promise<{ sessionId: string; created: boolean }> {
  await requireStaff(services, actor, "schedule sessions");
  const [kind, id] = (input.form.scope ?? "").split(":") as [string, string | undefined];
  const where = await placeOf(services, kind, id);
  const data = timing(input.form);
  // The key is the session's identity in calendars; one per submitted form.
  const key = staffSessionKey(createHash("sha256").update(input.submissionKey).digest("hex").slice(0, 12));
  const save = () =>
    services.db.$transaction(async (tx) => {
      const existing = await sessionByKey(tx, where.programmeId, key);
      if (existing) return { sessionId: existing.id, created: false };
      const sessionId = await insertSession(tx, { ...data, ...where, key, createdBySlack: actor });
      await writeAudit(tx, {
        actor,
        action: "session.create",
        entityType: "Session",
        entityId: sessionId,
        detail: { key, ...where, localStart: data.localStart, timezone: data.timezone },
        at: services.now(),
      });
      return { sessionId, created: true };
    });
  // Copies of one form (a Slack retry, a double click) race to insert: the loser runs again and finds the winner's session.
  return save().catch((err) => (isUniqueViolation(err) ? save() : Promise.reject(err)));
}

async function placeOf(
  services: Services,
  kind: string,
  id: string | undefined,
): Promise<{ programmeId: string; groupId: string | null; audience: "EVERYONE" | "FACILITATORS" }> {
  const active = await programmes(services.db, { activeOnly: true });
  if ((kind === "programme" || kind === "facilitators") && id && active.some((p) => p.id === id)) {
    return { programmeId: id, groupId: null, audience: kind === "facilitators" ? "FACILITATORS" : "EVERYONE" };
  }
  if (kind === "group" && id) {
    const group = await groupRecord(services.db, id, null, services.now());
    if (group && active.some((p) => p.id === group.programmeId))
      return { programmeId: group.programmeId, groupId: id, audience: "EVERYONE" };
  }
  throw fieldErrors({ [SESSION_BLOCKS.scope]: "Choose a group or a programme that is still running." });
}

/** Saves a moved or edited session; nothing is written (or bumped) when nothing changed. */
export async function editSession(services: Services, actor: string, sessionId: string, form: SessionForm): Promise<{ changed: boolean }> {
  await requireStaff(services, actor, "edit sessions");
  const before = await sessionRecord(services.db, sessionId);
  if (!before) throw notFound("That session no longer exists.");
  if (before.status === "CANCELLED") throw new UserError("That session was cancelled; schedule a new one instead.", "closed");
  const after = timing(form);
  const changed = (Object.keys(after) as (keyof SessionWrite)[]).filter((k) => String(before[k]) !== String(after[k]));
  if (changed.length === 0) return { changed: false };
  await services.db.$transaction(async (tx) => {
    await updateSession(tx, sessionId, after);
    await writeAudit(tx, {
      actor,
      action: "session.update",
      entityType: "Session",
      entityId: sessionId,
      detail: { changed, before: Object.fromEntries(changed.map((k) => [k, before[k]])) },
      at: services.now(),
    });
  });
  return { changed: true };
}

/** Cancels a session; false when it was cancelled already (a double click, or another staff member). */
export async function cancelSession(
  services: Services,
  actor: string,
  sessionId: string,
  reason: string | null,
): Promise<{ cancelled: boolean }> {
  await requireStaff(services, actor, "cancel sessions");
  if (!(await sessionRecord(services.db, sessionId))) throw notFound("That session no longer exists.");
  const cancelled = await services.db.$transaction(async (tx) => {
    const done = await cancelSessionRow(tx, sessionId);
    if (done)
      await writeAudit(tx, {
        actor,
        action: "session.cancel",
        entityType: "Session",
        entityId: sessionId,
        detail: { reason },
        at: services.now(),
      });
    return done;
  });
  return { cancelled };
}
