/**
 * Participant sign-ups: who may join which group, joining with colleagues, the waitlist, and
 * withdrawing. Every change is one transaction that holds the group's lock, writes the
 * memberships and the follow-ups they cause (invite, confirmations, notice to facilitators), so
 * a retried or doubled submission finds its work done and writes nothing twice.
 */
import { WebAPIPlatformError, type WebClient } from "@slack/web-api";
import type { Tx } from "../db/client";
import {
  currentGroupIds,
  findSignupGroup,
  lockGroup,
  type MembershipRecord,
  membershipsOf,
  organizationName,
  type PersonRecord,
  peopleBySlackId,
  placeMember,
  promoteWaiting,
  seatCounts,
  type SignupGroupRecord,
  signupGroups,
  upcomingSessions,
  waitlistCounts,
  waitlistPosition,
  withdrawMember,
} from "../db/signup-repository";
import { decideSignup, explainRefusal, placeNewcomers, seatsToPromote } from "../domain/eligibility";
import { groupSignupStatus, takesSignups } from "../domain/group-status";
import { closest } from "../domain/suggest";
import { fieldErrors, notFound, UserError } from "../errors";
import type { Person } from "../db/person-repository";
import {
  facilitatorNoticeMessage,
  facilitatorWithdrawalMessage,
  type GroupLine,
  type JoinedPerson,
  promotionMessage,
  signupConfirmationMessage,
  withdrawalMessage,
} from "../views/signup-messages";
import type { SignupChoice, SignupGroupCard } from "../views/signup-modal";
import type { Services } from "./context";
import { ensurePerson, refuseDeactivated, roleOf } from "./people-service";
import { enqueue, type FollowUp } from "../outbox/enqueue";

/** Sign-ups wait on the group's lock one after another; allow a burst of them. */
const TRANSACTION = { maxWait: 15_000, timeout: 20_000 };
export const SESSIONS_SHOWN = 3;

export type SignupForm =
  | { kind: "form"; group: SignupGroupCard | null; choices: SignupChoice[]; organizationName: string | null; zone: string }
  | { kind: "refused"; reason: string }
  | { kind: "already"; groupName: string; status: "ACTIVE" | "WAITLISTED"; position: number | null };

export const zoneOf = (services: Services, person: { timezone: string | null }) => person.timezone ?? services.config.CONVENE_TIMEZONE;

/** What the sign-up modal shows this person: the form, or why they cannot sign up. */
export async function prepareSignup(
  services: Services,
  client: WebClient,
  input: { slackUserId: string; groupId?: string },
): Promise<SignupForm> {
  const { db } = services;
  const now = services.now();
  const person = await ensurePerson(services, client, input.slackUserId);
  const role = await roleOf(services, person);
  const zone = zoneOf(services, person);
  const orgName = await organizationName(db, person.organizationId);

  if (input.groupId) {
    const group = await findSignupGroup(db, input.groupId);
    if (!group) throw notFound("That group no longer exists.");
    const current = (await membershipsOf(db, group.id, [person.id])).get(person.id);
    if (current && current.status !== "WITHDRAWN") {
      const position = current.status === "WAITLISTED" ? await waitlistPosition(db, group.id, current) : null;
      return { kind: "already", groupName: group.name, status: current.status, position };
    }
    const decision = decideSignup({ role, group, now });
    if (!decision.ok) return { kind: "refused", reason: explainRefusal(decision.refusal, group) };
    const seats = await seatCounts(db, group.id);
    const [next] = await upcomingSessions(db, group, now, 1);
    const card: SignupGroupCard = { ...group, ...seats, nextSession: next ?? null };
    return { kind: "form", group: card, choices: [], organizationName: orgName, zone };
  }

  if (role === "guest") return { kind: "refused", reason: explainRefusal({ code: "not_member" }, { name: "", timezone: zone }) };
  const open = (await signupGroups(db)).filter((g) => g.status === "OPEN");
  if (open.length === 0)
    return { kind: "refused", reason: "No group is taking sign-ups right now. Convene's Home tab shows when the next sign-ups open." };
  const joined = await currentGroupIds(db, person.id);
  const choices: SignupChoice[] = [];
  // Sign-up windows are the programme's, so a refusal names the programme.
  let refusal: string | null = null;
  // Decided from two queries, not two per group: with thousands of groups, a query per group
  // kept the form from opening for half a minute and the event loop from acking anything else.
  const waiting = await waitlistCounts(db);
  for (const g of open) {
    const decision = decideSignup({ role, group: { ...g, programmeActive: true }, now });
    if (!decision.ok) {
      refusal ??= explainRefusal(decision.refusal, { name: g.programmeName, timezone: g.timezone });
      continue;
    }
    if (joined.has(g.id)) continue;
    choices.push({
      id: g.id,
      name: g.name,
      programmeName: g.programmeName,
      full: g.capacity !== null && g.active + (waiting.get(g.id) ?? 0) >= g.capacity,
    });
  }
  if (choices.length === 0) return { kind: "refused", reason: refusal ?? "You are already signed up for every group taking sign-ups." };
  return { kind: "form", group: null, choices, organizationName: orgName, zone };
}

/** The group a person typed (`/convene join math`): by slug, by name, by part of a name, or the closest slug or name. */
export async function findGroupByName(services: Pick<Services, "db">, typed: string): Promise<{ id: string } | { suggestion?: string }> {
  const key = typed.trim().toLowerCase();
  // The usual case, an exact slug or name, is looked up alone; only a partial or mistyped name
  // needs every group read.
  const [exact] = await signupGroups(services.db, { named: key });
  if (exact) return { id: exact.id };
  const groups = await signupGroups(services.db);
  const partial = groups.filter((g) => g.nameKey.includes(key) || g.slug.includes(key));
  if (partial.length === 1) return { id: partial[0]!.id };
  const byKey = new Map((partial.length ? partial : groups).flatMap((g) => [[g.slug, g.slug] as const, [g.nameKey, g.slug] as const]));
  const near = closest(key, [...byKey.keys()]);
  return { suggestion: near ? byKey.get(near) : partial[0]?.slug };
}

export interface SignupOutcome {
  slackUserId: string;
  status: "ACTIVE" | "WAITLISTED";
  position: number | null;
  isNew: boolean;
}

export interface JoinResult {
  groupId: string;
  groupName: string;
  channelId: string | null;
  requester: SignupOutcome;
  colleagues: SignupOutcome[];
  /** Delivery ids to send now; empty when nothing changed (a retry). */
  followUps: string[];
}

/**
 * Signs up a member and the colleagues they add, in one transaction. Colleagues must be of the
 * requester's organization, checked here whatever the form allowed. Places go in order: the
 * requester first, then colleagues as listed; whoever finds no seat is waitlisted.
 */
export async function joinGroup(
  services: Services,
  client: WebClient,
  input: { slackUserId: string; groupId: string; colleagues: readonly string[]; idempotencyKey: string },
): Promise<JoinResult> {
  const { db } = services;
  const now = services.now();
  const requester = await ensurePerson(services, client, input.slackUserId);
  const role = await roleOf(services, requester);
  const colleagueIds = [...new Set(input.colleagues)].filter((id) => id !== input.slackUserId);
  const colleagues = await Promise.all(colleagueIds.map((id) => ensurePerson(services, client, id)));
  await checkColleagues(services, requester, colleagues);

  const result = await db.$transaction(async (tx) => {
    const group = await lockGroup(tx, input.groupId, now);
    if (!group) throw new UserError("That group no longer exists.", "not_found", { group: "That group no longer exists: choose another." });
    const decision = decideSignup({ role, group, now });
    if (!decision.ok) {
      const reason = explainRefusal(decision.refusal, group);
      throw new UserError(
        reason,
        decision.refusal.code === "not_member" || decision.refusal.code === "members_only" ? "forbidden" : "closed",
        { group: reason },
      );
    }
    const followUps: FollowUp[] = await fillOpenSeats(services, tx, group, now);

    const people = [requester, ...colleagues];
    const before = await membershipsOf(
      tx,
      group.id,
      people.map((p) => p.id),
    );
    const newcomers = people.filter((p) => !isCurrent(before.get(p.id)));
    const places = placeNewcomers({ capacity: group.capacity, ...(await seatCounts(tx, group.id)) }, newcomers.length);
    const placed = new Map<string, MembershipRecord>();
    for (const [i, p] of newcomers.entries()) {
      placed.set(p.id, await placeMember(tx, { groupId: group.id, personId: p.id, status: places[i]!, signedUpById: requester.id, now }));
    }

    const outcome = async (p: Person): Promise<SignupOutcome> => {
      const m = placed.get(p.id) ?? before.get(p.id)!;
      const status = m.status as "ACTIVE" | "WAITLISTED";
      return {
        slackUserId: p.slackUserId,
        status,
        position: status === "WAITLISTED" ? await waitlistPosition(tx, group.id, m) : null,
        isNew: placed.has(p.id),
      };
    };
    const outcomes = new Map<string, SignupOutcome>();
    for (const p of people) outcomes.set(p.id, await outcome(p));

    if (placed.size > 0) {
      followUps.push(...(await joinFollowUps(services, tx, group, { requester, newcomers, outcomes, key: input.idempotencyKey, now })));
    }
    const ids = await enqueue(tx, followUps, now);
    return {
      groupId: group.id,
      groupName: group.name,
      channelId: group.channelId,
      requester: outcomes.get(requester.id)!,
      colleagues: colleagues.map((c) => outcomes.get(c.id)!),
      followUps: ids,
    };
  }, TRANSACTION);
  services.logger.info(
    {
      groupId: result.groupId,
      requester: input.slackUserId,
      placed: [result.requester, ...result.colleagues].filter((o) => o.isNew).length,
    },
    "sign-up",
  );
  return result;
}

const isCurrent = (m: MembershipRecord | undefined) => m !== undefined && m.status !== "WITHDRAWN";

async function checkColleagues(services: Services, requester: Person, colleagues: readonly Person[]): Promise<void> {
  if (colleagues.length === 0) return;
  refuseDeactivated(colleagues, "colleagues");
  if (!requester.organizationId) {
    throw fieldErrors({
      colleagues:
        "Convene does not know your organization, so it cannot sign up colleagues with you. Sign up yourself, and ask coalition staff to add them.",
    });
  }
  const orgName = (await organizationName(services.db, requester.organizationId)) ?? "your organization";
  const outsiders = colleagues.filter((c) => c.organizationId !== requester.organizationId);
  if (outsiders.length) {
    const names = outsiders.map((c) => c.name).join(", ");
    throw fieldErrors({
      colleagues: `${names} ${outsiders.length === 1 ? "is" : "are"} not from ${orgName}. You can sign up colleagues from your own organization only; others can sign up themselves.`,
    });
  }
  const guests: Person[] = [];
  for (const c of colleagues) if ((await roleOf(services, c)) === "guest") guests.push(c);
  if (guests.length) {
    throw fieldErrors({
      colleagues: `${guests.map((c) => c.name).join(", ")} cannot sign up: ${orgName} is not a member organization of the coalition.`,
    });
  }
}

export const groupLine = (g: SignupGroupRecord): GroupLine => ({
  id: g.id,
  name: g.name,
  programmeName: g.programmeName,
  channelId: g.channelId,
});

async function joinFollowUps(
  services: Services,
  tx: Tx,
  group: SignupGroupRecord,
  ctx: { requester: Person; newcomers: Person[]; outcomes: Map<string, SignupOutcome>; key: string; now: Date },
): Promise<FollowUp[]> {
  const { requester, newcomers, outcomes, key, now } = ctx;
  const sessions = await upcomingSessions(tx, group, now, SESSIONS_SHOWN);
  const followUps: FollowUp[] = newcomers.map((p) => {
    const o = outcomes.get(p.id)!;
    return {
      kind: "dm",
      dedupeKey: `${key}:dm:${p.id}`,
      to: p.slackUserId,
      message: signupConfirmationMessage({
        group: groupLine(group),
        status: o.status,
        position: o.position,
        signedUpBy: p.id === requester.id ? null : requester.slackUserId,
        sessions,
        zone: zoneOf(services, p),
      }),
    };
  });
  const seated = newcomers.filter((p) => outcomes.get(p.id)!.status === "ACTIVE").map((p) => p.slackUserId);
  if (seated.length) followUps.push({ kind: "invite", dedupeKey: `${key}:invite`, groupId: group.id, users: seated });
  const joined: JoinedPerson[] = newcomers.map((p) => ({ slackUserId: p.slackUserId, status: outcomes.get(p.id)!.status }));
  followUps.push(...(await facilitatorNotices(tx, group, joined, requester.slackUserId, key)));
  return followUps;
}

export async function facilitatorNotices(
  tx: Tx,
  group: SignupGroupRecord,
  joined: JoinedPerson[],
  signedUpBy: string | null,
  keyPrefix: string,
): Promise<FollowUp[]> {
  const seats = { capacity: group.capacity, ...(await seatCounts(tx, group.id)) };
  const message = facilitatorNoticeMessage({ groupName: group.name, joined, signedUpBy, seats });
  const joiners = new Set(joined.map((j) => j.slackUserId));
  return group.facilitators
    .filter((f) => !joiners.has(f.slackUserId))
    .map((f) => ({ kind: "dm" as const, dedupeKey: `${keyPrefix}:facilitator:${f.personId}`, to: f.slackUserId, message }));
}

/** Seats freed (or added by staff) go to the waitlist first, in order; returns what to tell whom. */
export async function fillOpenSeats(services: Services, tx: Tx, group: SignupGroupRecord, now: Date): Promise<FollowUp[]> {
  const seats = await seatCounts(tx, group.id);
  const promoted = await promoteWaiting(tx, group.id, seatsToPromote({ capacity: group.capacity, ...seats }));
  if (promoted.length === 0) return [];
  const sessions = await upcomingSessions(tx, group, now, SESSIONS_SHOWN);
  const people = new Map(
    (
      await peopleBySlackId(
        tx,
        promoted.map((p) => p.slackUserId),
      )
    ).map((p) => [p.slackUserId, p]),
  );
  // Each waitlisting is its own episode: someone promoted, withdrawn and waitlisted again is told again.
  const episode = (m: (typeof promoted)[number]) => `promotion:${m.id}:${m.waitlistedAt?.getTime() ?? 0}`;
  const followUps: FollowUp[] = [];
  for (const m of promoted) {
    const person = people.get(m.slackUserId) as PersonRecord;
    followUps.push(
      {
        kind: "dm",
        dedupeKey: `${episode(m)}:dm`,
        to: m.slackUserId,
        message: promotionMessage({ group: groupLine(group), sessions, zone: zoneOf(services, person) }),
      },
      { kind: "invite", dedupeKey: `${episode(m)}:invite`, groupId: group.id, users: [m.slackUserId] },
    );
  }
  const joined = promoted.map((m): JoinedPerson => ({ slackUserId: m.slackUserId, status: "ACTIVE", promoted: true }));
  followUps.push(...(await facilitatorNotices(tx, group, joined, null, episode(promoted[0]!))));
  return followUps;
}

/**
 * Takes someone who withdrew out of the group's channel, at their request. Refused while they are
 * still signed up or facilitate the group: the channel is theirs then.
 */
export async function leaveGroupChannel(
  services: Services,
  client: WebClient,
  input: { slackUserId: string; groupId: string },
): Promise<{ group: GroupLine; left: boolean; canRejoin: boolean }> {
  const group = await findSignupGroup(services.db, input.groupId);
  if (!group) throw notFound("That group no longer exists.");
  if (!group.channelId) throw new UserError(`${group.name} has no channel to leave.`, "not_found");
  const [person] = await peopleBySlackId(services.db, [input.slackUserId]);
  const current = person ? (await membershipsOf(services.db, group.id, [person.id])).get(person.id) : undefined;
  if (isCurrent(current))
    throw new UserError(`You're still signed up for ${group.name}: withdraw first, then leave its channel.`, "conflict");
  if (group.facilitators.some((f) => f.slackUserId === input.slackUserId))
    throw new UserError(`You facilitate ${group.name}, so Convene keeps you in its channel. Ask staff if that should change.`, "forbidden");
  try {
    await client.conversations.kick({ channel: group.channelId, user: input.slackUserId });
  } catch (err) {
    // Already gone (left by hand, or a double click): the outcome they asked for.
    if (!(err instanceof WebAPIPlatformError && err.data.error === "not_in_channel")) throw err;
  }
  services.logger.info({ groupId: group.id, person: input.slackUserId }, "left a group's channel");
  return { group: groupLine(group), left: true, canRejoin: takesSignups(groupSignupStatus({ ...group, memberCount: 0 }, services.now())) };
}

/**
 * A deactivated account's seats and places in line are freed, and the waitlist moves up; the
 * account itself is not messaged (Slack removes it from channels). Returns delivery ids to send.
 */
export async function releaseSeats(services: Services, slackUserId: string): Promise<string[]> {
  const { db } = services;
  const now = services.now();
  const [person] = await peopleBySlackId(db, [slackUserId]);
  if (!person) return [];
  const ids: string[] = [];
  for (const groupId of await currentGroupIds(db, person.id)) {
    const sent = await db.$transaction(async (tx) => {
      const group = await lockGroup(tx, groupId, now);
      if (!group || !(await withdrawMember(tx, { groupId, personId: person.id, now }))) return [];
      return enqueue(tx, await fillOpenSeats(services, tx, group, now), now);
    }, TRANSACTION);
    ids.push(...sent);
  }
  if (ids.length) services.logger.info({ person: slackUserId }, "seats released: account deactivated");
  return ids;
}

export interface WithdrawResult {
  groupName: string;
  /** False when there was nothing to withdraw from (already withdrawn: a double click). */
  withdrawn: boolean;
  promoted: string[];
  followUps: string[];
}

/** Withdraws a member (or someone waiting) and gives a freed seat to the first in line. */
export async function withdrawFromGroup(services: Services, input: { slackUserId: string; groupId: string }): Promise<WithdrawResult> {
  const { db } = services;
  const now = services.now();
  const [person] = await peopleBySlackId(db, [input.slackUserId]);
  const result = await db.$transaction(async (tx) => {
    const group = await lockGroup(tx, input.groupId, now);
    if (!group) throw notFound("That group no longer exists.");
    const left = person ? await withdrawMember(tx, { groupId: group.id, personId: person.id, now }) : null;
    if (!left) return { groupName: group.name, withdrawn: false, promoted: [], followUps: [] };
    const followUps: FollowUp[] = [
      {
        kind: "dm",
        dedupeKey: `withdrawal:${left.id}:${now.getTime()}`,
        to: input.slackUserId,
        // "Sign up again" only while the group still takes sign-ups (seats do not matter: a full group has a waitlist).
        message: withdrawalMessage({
          group: groupLine(group),
          wasWaitlisted: left.status === "WAITLISTED",
          canRejoin: takesSignups(groupSignupStatus({ ...group, memberCount: 0 }, now)),
        }),
      },
    ];
    const promotions = await fillOpenSeats(services, tx, group, now);
    followUps.push(...promotions);
    const seats = { capacity: group.capacity, ...(await seatCounts(tx, group.id)) };
    const notice = facilitatorWithdrawalMessage({
      groupName: group.name,
      slackUserId: input.slackUserId,
      wasWaitlisted: left.status === "WAITLISTED",
      seats,
    });
    for (const f of group.facilitators) {
      if (f.slackUserId !== input.slackUserId)
        followUps.push({
          kind: "dm",
          dedupeKey: `withdrawal:${left.id}:${now.getTime()}:facilitator:${f.personId}`,
          to: f.slackUserId,
          message: notice,
        });
    }
    const promoted = promotions.flatMap((f) => (f.kind === "invite" ? f.users : []));
    return { groupName: group.name, withdrawn: true, promoted, followUps: await enqueue(tx, followUps, now) };
  }, TRANSACTION);
  if (result.withdrawn)
    services.logger.info({ groupId: input.groupId, person: input.slackUserId, promoted: result.promoted }, "withdrawal");
  return result;
}
