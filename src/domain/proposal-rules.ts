/**
 * Facilitation proposals: when a programme takes them, when a proposer may still change theirs,
 * and the slug of the group an approved one becomes. Pure: `now` is an argument.
 */
import { channelNameFor } from "./channel-name";

export interface ProposalProgramme {
  status: "ACTIVE" | "ARCHIVED";
  proposalsDueAt: Date | null;
  proposalsReopened: boolean;
}

export type ProposalWindow =
  | { open: true; dueAt: Date | null; reopened: boolean }
  /** `closedAt` is the deadline that passed; null when the programme never set one. */
  | { open: false; closedAt: Date | null };

/**
 * Open before the proposal deadline, or whenever staff have reopened proposals. A programme with
 * no proposal deadline takes none until staff open it: proposals are a programme's choice.
 */
export function proposalWindow(p: ProposalProgramme, now: Date): ProposalWindow {
  if (p.status !== "ACTIVE") return { open: false, closedAt: p.proposalsDueAt };
  if (p.proposalsReopened)
    return { open: true, dueAt: p.proposalsDueAt && p.proposalsDueAt > now ? p.proposalsDueAt : null, reopened: true };
  if (p.proposalsDueAt && now < p.proposalsDueAt) return { open: true, dueAt: p.proposalsDueAt, reopened: false };
  return { open: false, closedAt: p.proposalsDueAt };
}

export type ProposalState = "SUBMITTED" | "CHANGES_REQUESTED" | "APPROVED" | "DECLINED" | "WITHDRAWN";

/** States a staff decision (or a withdrawal) can still move a proposal out of. */
export const UNDECIDED: readonly ProposalState[] = ["SUBMITTED", "CHANGES_REQUESTED"];

/**
 * A proposer may edit or withdraw until the deadline; once staff ask for changes, they may answer
 * them after it too, or the request could never be met.
 */
export function proposerMayChange(status: ProposalState, window: ProposalWindow): boolean {
  if (status === "CHANGES_REQUESTED") return true;
  return status === "SUBMITTED" && window.open;
}

const MAX_SLUG = 60;

/**
 * A programme-file slug for the group a proposal becomes ("Got Justice?" → "got-justice"),
 * numbered when the programme already has it ("got-justice-2").
 */
export function groupSlugFor(title: string, taken: ReadonlySet<string>): string {
  const base = channelNameFor(title).replace(/_/g, "-").replace(/-{2,}/g, "-").slice(0, MAX_SLUG).replace(/-+$/, "") || "group";
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}
