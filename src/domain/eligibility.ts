/**
 * Who may sign up for a group, now, and where they land: a seat, or the waitlist. Pure: the
 * caller loads the facts (inside the transaction that writes the result) and passes `now`.
 */
import { DateTime } from "luxon";
import { groupSignupStatus } from "./group-status";

export type GroupStatus = "OPEN" | "CLOSED" | "ENDED";

/**
 * What a person is to the coalition. Members come from a member organization (or staff confirmed
 * them); partners from a partner organization; everyone else, and anyone Slack reports
 * deactivated, is a guest.
 */
export type Role = "staff" | "member" | "partner" | "guest";

/** Everything Convene lets only some people do; each is checked on the server through mayAct. */
export type Action = "join_group" | "propose" | "facilitate" | "submit_event" | "suggest_topic" | "upvote_topic";

const ALLOWED: Record<Action, readonly Role[]> = {
  // Partners join a member-only group only where the group allows partners (see mayJoin).
  join_group: ["staff", "member"],
  propose: ["staff", "member", "partner"],
  facilitate: ["staff", "member", "partner"],
  submit_event: ["staff", "member", "partner"],
  suggest_topic: ["staff", "member", "partner"],
  upvote_topic: ["staff", "member", "partner"],
};

export function mayAct(role: Role, action: Action): boolean {
  return ALLOWED[action].includes(role);
}

/** What decides someone's role; loaded by the caller. */
export interface RoleFacts {
  deactivated: boolean;
  staff: "setting" | "granted" | null;
  /** Staff confirmed the person as a member (of `organization`). */
  confirmed: boolean;
  organization: { name: string; status: "MEMBER" | "APPLICANT" | "PARTNER" | "FORMER" } | null;
  emailDomain: string | null;
  /** The person's Slack team, when it is one staff mapped to their organization (Slack Connect). */
  slackTeam: string | null;
}

export type RoleReason =
  | { code: "deactivated" }
  | { code: "staff_setting" }
  | { code: "staff_granted" }
  | { code: "confirmed"; organization: string | null }
  | {
      code: "organization";
      organization: string;
      status: "MEMBER" | "APPLICANT" | "PARTNER" | "FORMER";
      domain: string | null;
      slackTeam: string | null;
    }
  | { code: "no_organization"; domain: string | null };

/** Someone's role, and why: staff see the reason when they look a person up. */
export function decideRole(f: RoleFacts): { role: Role; reason: RoleReason } {
  if (f.deactivated) return { role: "guest", reason: { code: "deactivated" } };
  if (f.staff) return { role: "staff", reason: { code: f.staff === "setting" ? "staff_setting" : "staff_granted" } };
  if (f.confirmed) return { role: "member", reason: { code: "confirmed", organization: f.organization?.name ?? null } };
  if (!f.organization) return { role: "guest", reason: { code: "no_organization", domain: f.emailDomain } };
  const { name, status } = f.organization;
  const role: Role = status === "MEMBER" ? "member" : status === "PARTNER" ? "partner" : "guest";
  // Slack Connect: someone from another workspace, often with no email, counts through the team
  // staff mapped to the organization, as a colleague counts through the email's domain.
  return { role, reason: { code: "organization", organization: name, status, domain: f.emailDomain, slackTeam: f.slackTeam } };
}

/** Joining a group: members and staff, and partners where the group allows them. */
export function mayJoin(role: Role, group: { allowsPartners: boolean }): boolean {
  return mayAct(role, "join_group") || (role === "partner" && group.allowsPartners);
}
export type Place = "ACTIVE" | "WAITLISTED";

export interface SignupGroup {
  name: string;
  allowsPartners: boolean;
  status: GroupStatus;
  /** An archived programme takes no sign-ups, whatever its groups say. */
  programmeActive: boolean;
  signupOpensAt: Date | null;
  signupClosesAt: Date | null;
  /** The programme's zone: refusal dates read as the programme published them. */
  timezone: string;
}

export interface Seats {
  /** null: no limit. */
  capacity: number | null;
  active: number;
  waiting: number;
}

export type Refusal =
  | { code: "not_member" }
  | { code: "members_only" }
  | { code: "group_ended" }
  | { code: "group_closed" }
  | { code: "not_open_yet"; opensAt: Date }
  | { code: "deadline_passed"; closedAt: Date };

export type Decision = { ok: true } | { ok: false; refusal: Refusal };

/**
 * Whether a person may sign up for the group now. Membership is asked first: a non-member can do
 * nothing about a date, so that is what they need to hear.
 */
export function decideSignup(input: { role: Role; group: SignupGroup; now: Date }): Decision {
  const { role, group, now } = input;
  const refuse = (refusal: Refusal): Decision => ({ ok: false, refusal });
  if (!mayJoin(role, group)) return refuse(role === "partner" ? { code: "members_only" } : { code: "not_member" });
  // Seats do not matter here: a full group still takes sign-ups, onto its waitlist.
  const status = groupSignupStatus({ ...group, capacity: null, memberCount: 0 }, now);
  switch (status.kind) {
    case "ended":
      return refuse({ code: "group_ended" });
    case "running":
      return refuse({ code: "group_closed" });
    case "not_open_yet":
      return refuse({ code: "not_open_yet", opensAt: status.opensAt });
    case "closed":
      return refuse({ code: "deadline_passed", closedAt: status.closedAt });
    default:
      return { ok: true };
  }
}

const day = (at: Date, zone: string) => DateTime.fromJSDate(at, { zone }).setLocale("en-US").toFormat("cccc, LLLL d, yyyy");

/** The sentence a refused person reads: what stands in the way, and what they can do. */
export function explainRefusal(refusal: Refusal, group: Pick<SignupGroup, "name" | "timezone">): string {
  const name = `"${group.name}"`;
  switch (refusal.code) {
    case "not_member":
      return "Sign-ups are for people from the coalition's member organizations, and Convene could not match your email to one. If your organization is a member, ask coalition staff to confirm you; if it is not yet, it can apply with /convene submit membership.";
    case "members_only":
      return `${name} is for people from the coalition's member organizations; it does not take partners. Ask coalition staff or its facilitators if you would like to take part.`;
    case "group_ended":
      return `${name} has ended and takes no more sign-ups.`;
    case "group_closed":
      return `${name} is not taking sign-ups: it is running with its current members. Ask its facilitators or coalition staff if you would like to join later.`;
    case "not_open_yet":
      return `Sign-ups for ${name} open on ${day(refusal.opensAt, group.timezone)}.`;
    case "deadline_passed":
      return `Sign-ups for ${name} closed on ${day(refusal.closedAt, group.timezone)}.`;
  }
}

/**
 * Where each of `count` newcomers lands, in order. People already waiting keep their turn: a
 * seat goes to a newcomer only when nobody is waiting for it.
 */
export function placeNewcomers(seats: Seats, count: number): Place[] {
  let free = seats.capacity === null ? count : Math.max(0, seats.capacity - seats.active - seats.waiting);
  return Array.from({ length: count }, () => (free-- > 0 ? "ACTIVE" : "WAITLISTED"));
}

/** How many of the waiting take a seat now (a withdrawal, or staff raising the capacity). */
export function seatsToPromote(seats: Seats): number {
  if (seats.waiting === 0) return 0;
  if (seats.capacity === null) return seats.waiting;
  return Math.min(seats.waiting, Math.max(0, seats.capacity - seats.active));
}
