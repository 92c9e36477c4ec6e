/**
 * An organization admitted as a member (its standing set to member, in the organization form or a
 * programme file): each of its people Convene already knows from Slack, matched by email domain,
 * gets a welcome listing the groups open to them, and staff get a short checklist. Written as
 * follow-ups in the transaction that admitted it, keyed by organization and person, so each is
 * sent once, however often the form is saved or the file imported.
 */
import type { Tx } from "../db/client";
import { admittedOrganization, type MemberStatus } from "../db/organization-repository";
import { staffSlackIds } from "../db/proposal-repository";
import { signupGroups, waitlistCounts } from "../db/signup-repository";
import { decideSignup } from "../domain/eligibility";
import { organizationChecklistMessage, organizationWelcomeMessage, type OpenGroupLine } from "../views/organization-welcome-messages";
import { enqueue, type FollowUp } from "../outbox/enqueue";

/** Whether a change of standing admits the organization: it is a member now, and was not before (or is new). */
export const admits = (before: MemberStatus | null, after: MemberStatus) => after === "MEMBER" && before !== "MEMBER";

/** Enqueues the welcomes and checklists for organizations just admitted; returns the delivery ids to send. */
export async function welcomeAdmitted(
  tx: Tx,
  input: { organizationIds: readonly string[]; admins: readonly string[]; now: Date },
): Promise<string[]> {
  if (input.organizationIds.length === 0) return [];
  const { now } = input;
  const groups = await openToMembers(tx, now);
  const staff = [...new Set([...input.admins, ...(await staffSlackIds(tx))])];
  const followUps: FollowUp[] = [];
  for (const id of input.organizationIds) {
    const org = await admittedOrganization(tx, id, staff);
    if (!org) continue;
    const { domains, people } = org;
    const welcome = organizationWelcomeMessage({ organization: org.name, groups });
    for (const p of people)
      followUps.push({ kind: "dm", dedupeKey: `organization:${org.id}:welcome:${p.id}`, to: p.slackUserId, message: welcome });
    const checklist = organizationChecklistMessage({ organization: org.name, domains, welcomed: people.length, openGroups: groups.length });
    for (const to of staff) followUps.push({ kind: "dm", dedupeKey: `organization:${org.id}:checklist:${to}`, to, message: checklist });
  }
  return enqueue(tx, followUps, now);
}

/** The groups a member may sign up for now, as the sign-up form decides it. */
async function openToMembers(tx: Tx, now: Date): Promise<OpenGroupLine[]> {
  const waiting = await waitlistCounts(tx);
  return (await signupGroups(tx))
    .filter((g) => g.status === "OPEN" && decideSignup({ role: "member", group: { ...g, programmeActive: true }, now }).ok)
    .map((g) => ({
      id: g.id,
      name: g.name,
      programmeName: g.programmeName,
      full: g.capacity !== null && g.active + (waiting.get(g.id) ?? 0) >= g.capacity,
    }));
}
