/**
 * A group's sign-up status as everyone sees it, decided from the calendar in this one place:
 * before the programme's sign-up window "opens on", inside it open (or full, with a waitlist),
 * after it closed. Home, `/convene groups` and `group`, group details and the Join button all
 * read it; `decideSignup` refuses a sign-up for the same reasons. Pure: `now` is an argument.
 */

export interface StatusGroup {
  status: "OPEN" | "CLOSED" | "ENDED";
  /** An archived programme's groups take no sign-ups, whatever they say. */
  programmeActive: boolean;
  signupOpensAt: Date | null;
  signupClosesAt: Date | null;
  /** null: no limit. */
  capacity: number | null;
  /** Active members. */
  memberCount: number;
}

export type GroupSignupStatus =
  | { kind: "ended" }
  /** Staff closed it: the group meets, and takes nobody new. */
  | { kind: "running" }
  | { kind: "not_open_yet"; opensAt: Date }
  | { kind: "open"; capacity: number | null; joined: number }
  | { kind: "full"; capacity: number }
  | { kind: "closed"; closedAt: Date };

export function groupSignupStatus(g: StatusGroup, now: Date): GroupSignupStatus {
  if (g.status === "ENDED" || !g.programmeActive) return { kind: "ended" };
  if (g.status === "CLOSED") return { kind: "running" };
  if (g.signupOpensAt && now < g.signupOpensAt) return { kind: "not_open_yet", opensAt: g.signupOpensAt };
  if (g.signupClosesAt && now >= g.signupClosesAt) return { kind: "closed", closedAt: g.signupClosesAt };
  if (g.capacity !== null && g.memberCount >= g.capacity) return { kind: "full", capacity: g.capacity };
  return { kind: "open", capacity: g.capacity, joined: g.memberCount };
}

/** Whether Join (or "Sign up again") is offered: open, or full with a waitlist. */
export const takesSignups = (s: GroupSignupStatus): boolean => s.kind === "open" || s.kind === "full";
