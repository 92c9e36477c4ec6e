/**
 * Group membership by hand: staff and a group's facilitators add a person, move them to another
 * group, take them out, or give someone on the waitlist a seat. Access is checked here for every
 * change, on both groups of a move. Each change is one transaction holding the groups' locks, with
 * the sign-ups' seat and waitlist rules (a freed seat goes to the first in line); it writes the
 * person's DM and the channel invite or removal as follow-ups, keyed by the request, so a retried
 * or doubled request finds its work done and sends nothing twice.
 */
import { WebAPIPlatformError, type WebClient } from "@slack/web-api";
import type { Person } from "../db/person-repository";
import type { Tx } from "../db/client";
import { writeAudit } from "../db/audit-repository";
import { facilitatedRosters } from "../db/roster-repository";
import {
  findSignupGroup,
  lockGroup,
  type MembershipRecord,
  membershipsOf,
  placeMember,
  seatCounts,
  seatFromWaitlist,
  type SignupGroupRecord,
  signupGroups,
  upcomingSessions,
  waitlistPosition,
  withdrawMember,
} from "../db/signup-repository";
import { mayJoin, placeNewcomers } from "../domain/eligibility";
import { notFound, UserError } from "../errors";
import { type MembershipChangeDone, membershipChangeMessage } from "../views/membership-change-messages";
import { MANAGE_BLOCKS, type ManageMembersView } from "../views/manage-members-modal";
import type { Services } from "./context";
import { ensurePerson, isStaff, refuseDeactivated, roleOf } from "./people-service";
import { requireRosterAccess } from "./roster-service";
import { facilitatorNotices, fillOpenSeats, groupLine, SESSIONS_SHOWN, zoneOf } from "./signup-service";
import { enqueue, type FollowUp } from "../outbox/enqueue";

const TRANSACTION = { maxWait: 15_000, timeout: 20_000 };

export interface MembershipChange {
  action: "add" | "move" | "remove" | "promote";
  groupId: string;
  slackUserId: string;
  /** The group a move goes to. */
  toGroupId: string | null;
  /** Joining a full group puts them on its waitlist; otherwise a full group is refused. */
  waitlistIfFull: boolean;
}

export interface MembershipChangeResult extends MembershipChangeDone {
  /** Delivery ids to send now; empty when a retry found the work done. */
  followUps: string[];
}

/** The "Manage members" form for a group, once the reader may change its members. */
export async function manageMembersForm(services: Services, actor: string, groupId: string): Promise<ManageMembersView> {
  const group = await findSignupGroup(services.db, groupId);
  if (!group) throw notFound("That group no longer exists.");
  await requireRosterAccess(services, actor, group, "change its members");
  const mine = (await isStaff(services, actor))
    ? (await signupGroups(services.db)).filter((g) => g.status !== "ENDED").map((g) => ({ id: g.id, name: g.name }))
    : (await facilitatedRosters(services.db, actor)).map((g) => ({ id: g.groupId, name: g.name }));
  return { group: { id: group.id, name: group.name }, targets: mine.filter((g) => g.id !== group.id) };
}

const refuse = (message: string) => new UserError(message, "conflict", { [MANAGE_BLOCKS.person]: message });

/** Refuses joining a group the person's role or the group's state rules out; sign-up dates do not apply by hand. */
async function checkJoin(services: Services, person: Person, group: SignupGroupRecord): Promise<void> {
  if (group.status === "ENDED" || !group.programmeActive) throw refuse(`${group.name} has ended: nobody can join it.`);
  const role = await roleOf(services, person);
  if (mayJoin(role, group)) return;
  throw refuse(
    role === "partner"
      ? `${person.name} is from a partner organization, and ${group.name} does not take partners. Staff can allow partners in the group's form.`
      : `${person.name} is not from a member organization. Staff can confirm them first with /convene admin person.`,
  );
}

/**
 * Makes one change to who is in a group. The actor must be staff or facilitate the group, and,
 * for a move, the group it goes to as well.
 */
export async function changeMembership(
  services: Services,
  client: WebClient,
  input: { actor: string; change: MembershipChange; idempotencyKey: string },
): Promise<MembershipChangeResult> {
  const { db } = services;
  const { change, actor, idempotencyKey: key } = input;
  const now = services.now();
  const from = await findSignupGroup(db, change.groupId);
  if (!from) throw notFound("That group no longer exists.");
  await requireRosterAccess(services, actor, from, "change its members");
  let to: SignupGroupRecord | null = null;
  if (change.action === "move") {
    to = change.toGroupId ? await findSignupGroup(db, change.toGroupId) : null;
    if (!to)
      throw new UserError("Choose the group to move them to.", "not_found", {
        [MANAGE_BLOCKS.target]: "Choose the group to move them to.",
      });
    if (to.id === from.id)
      throw new UserError(`They are in ${from.name} already: choose another group.`, "conflict", {
        [MANAGE_BLOCKS.target]: "Choose another group than this one.",
      });
    await requireRosterAccess(services, actor, to, "add people to it");
  }
  const person = await ensurePerson(services, client, change.slackUserId).catch((err: unknown) => {
    // A forged or mistyped id: nobody in this workspace.
    if (err instanceof WebAPIPlatformError && err.data.error === "user_not_found")
      throw refuse("Slack knows nobody by that name here: choose a person in this workspace.");
    throw err;
  });
  const actorPerson = await ensurePerson(services, client, actor);
  const joining = change.action === "add" ? from : to;
  if (joining) {
    refuseDeactivated([person], MANAGE_BLOCKS.person);
    await checkJoin(services, person, joining);
  }

  const result = await db.$transaction(async (tx) => {
    // Both groups' locks, in one order, so two moves the other way round cannot deadlock.
    const locked = new Map<string, SignupGroupRecord>();
    for (const id of [from.id, ...(to ? [to.id] : [])].sort()) {
      const g = await lockGroup(tx, id, now);
      if (!g) throw notFound("That group no longer exists.");
      locked.set(id, g);
    }
    const source = locked.get(from.id)!;
    const target = to ? locked.get(to.id)! : null;
    const current = (await membershipsOf(tx, source.id, [person.id])).get(person.id);
    const followUps: FollowUp[] = [];
    let landed: { status: "ACTIVE" | "WAITLISTED"; position: number | null } | null = null;
    let overCapacity = false;

    if (change.action === "add") {
      if (current?.status === "ACTIVE") throw refuse(`${person.name} is in ${source.name} already.`);
      if (current?.status === "WAITLISTED")
        throw refuse(`${person.name} is on the waitlist of ${source.name}: give them a seat from the waitlist instead.`);
      followUps.push(...(await fillOpenSeats(services, tx, source, now)));
      landed = await seat(tx, source, person, actorPerson, change.waitlistIfFull, now);
    } else if (change.action === "promote") {
      if (current?.status !== "WAITLISTED") throw refuse(`${person.name} is not on the waitlist of ${source.name}.`);
      if (!(await seatFromWaitlist(tx, current.id))) throw refuse(`${person.name} is not on the waitlist of ${source.name}.`);
      const seats = await seatCounts(tx, source.id);
      overCapacity = source.capacity !== null && seats.active > source.capacity;
      landed = { status: "ACTIVE", position: null };
    } else {
      const left = await withdrawMember(tx, { groupId: source.id, personId: person.id, now });
      if (!left) throw refuse(`${person.name} is not in ${source.name}.`);
      if (target) {
        const there = (await membershipsOf(tx, target.id, [person.id])).get(person.id);
        if (there && there.status !== "WITHDRAWN")
          throw refuse(`${person.name} is ${there.status === "ACTIVE" ? "in" : "on the waitlist of"} ${target.name} already.`);
        followUps.push(...(await fillOpenSeats(services, tx, target, now)));
        landed = await seat(tx, target, person, actorPerson, change.waitlistIfFull, now);
      }
      // Their seat goes to the first in line.
      followUps.push(...(await fillOpenSeats(services, tx, source, now)));
      if (left.status === "ACTIVE")
        followUps.push({ kind: "kick", dedupeKey: `${key}:kick`, groupId: source.id, user: person.slackUserId });
    }

    const joined = target ?? (change.action === "remove" ? null : source);
    const sessions = joined && landed?.status === "ACTIVE" ? await upcomingSessions(tx, joined, now, SESSIONS_SHOWN) : [];
    followUps.push({
      kind: "dm",
      dedupeKey: `${key}:dm`,
      to: person.slackUserId,
      message: membershipChangeMessage({
        action: change.action,
        by: actor,
        group: groupLine(source),
        to: target && groupLine(target),
        status: landed?.status ?? null,
        position: landed?.position ?? null,
        sessions,
        zone: zoneOf(services, person),
      }),
    });
    if (joined && landed?.status === "ACTIVE")
      followUps.push({ kind: "invite", dedupeKey: `${key}:invite`, groupId: joined.id, users: [person.slackUserId] });
    if (joined && landed) {
      const notices = await facilitatorNotices(tx, joined, [{ slackUserId: person.slackUserId, status: landed.status }], actor, key);
      followUps.push(...notices.filter((f) => f.kind !== "dm" || f.to !== actor));
    }
    await writeAudit(tx, {
      actor,
      action: `membership.${change.action}`,
      entityType: "Group",
      entityId: source.id,
      detail: { person: person.slackUserId, ...(target && { to: target.id }), ...(landed && { status: landed.status }) },
      at: now,
    });
    return {
      action: change.action,
      person: person.slackUserId,
      group: { name: source.name },
      to: target && { name: target.name },
      status: landed?.status ?? null,
      position: landed?.position ?? null,
      overCapacity,
      followUps: await enqueue(tx, followUps, now),
    };
  }, TRANSACTION);
  services.logger.info(
    { actor, action: change.action, groupId: change.groupId, toGroupId: change.toGroupId, person: change.slackUserId },
    "membership changed by hand",
  );
  return result;
}

/** A seat for them, or the waitlist when the group is full and that was asked for; otherwise refused. */
async function seat(
  tx: Tx,
  group: SignupGroupRecord,
  person: Person,
  actor: Person,
  waitlistIfFull: boolean,
  now: Date,
): Promise<{ status: "ACTIVE" | "WAITLISTED"; position: number | null }> {
  const seats = await seatCounts(tx, group.id);
  const [place] = placeNewcomers({ capacity: group.capacity, ...seats }, 1);
  if (place === "WAITLISTED" && !waitlistIfFull) {
    const message = `${group.name} is full (${seats.active} of ${group.capacity} places${seats.waiting ? `, ${seats.waiting} waiting` : ""}). Choose to put them on its waitlist, or raise its capacity first.`;
    throw new UserError(message, "closed", { [MANAGE_BLOCKS.waitlist]: message });
  }
  const m: MembershipRecord = await placeMember(tx, {
    groupId: group.id,
    personId: person.id,
    status: place!,
    signedUpById: actor.id,
    now,
  });
  return { status: place!, position: place === "WAITLISTED" ? await waitlistPosition(tx, group.id, m) : null };
}
