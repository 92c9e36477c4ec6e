/**
 * Who is in a group, for staff and the group's own facilitators only (checked here on every
 * request): the roster, writing to all its members, and the short rosters on a facilitator's Home.
 * Every roster shown is recorded in the audit log.
 */
import { groupName } from "../db/group-repository";
import { isFacilitatorOf } from "../db/attendance-repository";
import { writeAudit } from "../db/audit-repository";
import type { WebClient } from "@slack/web-api";
import { facilitatedRosters, groupAttendanceRows, groupRoster, type Roster } from "../db/roster-repository";
import { notFound, UserError } from "../errors";
import { groupMessageDm } from "../views/group-message-modal";
import type { RosterSummary } from "../views/home-view";
import { attendanceCsv, rosterCsv } from "../views/roster-csv";
import type { Services } from "./context";
import { findGroup } from "./directory-service";
import { enqueue } from "../outbox/enqueue";
import { sendFilesToDm } from "./file-service";
import { isStaff } from "./people-service";

/** The group a few typed words name, or a refusal that says what was typed and where to look. */
export async function groupNamed(services: Services, query: string): Promise<{ id: string; name: string }> {
  const match = await findGroup(services, query, null);
  if (match.kind === "found") return match.group;
  if (match.kind === "ambiguous")
    throw new UserError(`"${query}" matches ${match.groups.map((g) => g.name).join(", ")}. Type more of the name.`, "not_found");
  throw notFound(`No group is called "${query}". \`/convene groups\` lists them.`);
}

/** Refuses anyone but staff and the group's facilitators, saying who may. */
export async function requireRosterAccess(
  services: Services,
  slackUserId: string,
  group: { id: string; name: string },
  what: string,
): Promise<void> {
  if (await isStaff(services, slackUserId)) return;
  if (await isFacilitatorOf(services.db, group.id, slackUserId)) return;
  throw new UserError(`Only the facilitators of ${group.name} and coalition staff can ${what}.`, "forbidden");
}

async function readRoster(services: Services, groupId: string): Promise<Roster> {
  const roster = await groupRoster(services.db, groupId, services.now());
  if (!roster) throw notFound("That group no longer exists. `/convene groups` lists the current ones.");
  return roster;
}

/** A group's roster for someone allowed to see it, recorded in the audit log. */
export async function rosterFor(
  services: Services,
  input: { slackUserId: string; group: { id: string; name: string }; action?: string },
): Promise<Roster> {
  await requireRosterAccess(services, input.slackUserId, input.group, "see its roster");
  const roster = await readRoster(services, input.group.id);
  await services.db.$transaction((tx) =>
    writeAudit(tx, {
      actor: input.slackUserId,
      action: input.action ?? "roster.view",
      entityType: "Group",
      entityId: roster.group.id,
      detail: { members: roster.members.length },
      at: services.now(),
    }),
  );
  return roster;
}

export async function groupById(services: Services, groupId: string): Promise<{ id: string; name: string }> {
  const group = await groupName(services.db, groupId);
  if (!group) throw notFound("That group no longer exists.");
  return group;
}

/** The group "Message the group" writes to, once the writer may. */
export async function groupToMessage(
  services: Services,
  slackUserId: string,
  groupId: string,
): Promise<{ id: string; name: string; members: number }> {
  const group = await groupById(services, groupId);
  await requireRosterAccess(services, slackUserId, group, "message its members");
  return { ...group, members: (await readRoster(services, group.id)).members.length };
}

/** The short rosters on a facilitator's Home. */
export const myRosters = (services: Services, slackUserId: string): Promise<RosterSummary[]> =>
  facilitatedRosters(services.db, slackUserId);

/**
 * One DM to each active member, from a facilitator or staff. The submitted view's key makes a
 * resubmission or a double click send nothing more.
 */
export async function messageGroup(
  services: Services,
  input: { slackUserId: string; groupId: string; text: string; idempotencyKey: string },
): Promise<{ groupName: string; sent: number; enqueued: string[] }> {
  const group = await groupById(services, input.groupId);
  await requireRosterAccess(services, input.slackUserId, group, "message its members");
  const roster = await readRoster(services, group.id);
  const message = groupMessageDm({ groupName: group.name, fromSlackId: input.slackUserId, text: input.text });
  const recipients = roster.members.filter((m) => m.slackUserId !== input.slackUserId);
  const enqueued = await services.db.$transaction(async (tx) => {
    await writeAudit(tx, {
      actor: input.slackUserId,
      action: "group.message",
      entityType: "Group",
      entityId: group.id,
      detail: { recipients: recipients.length },
      at: services.now(),
    });
    return enqueue(
      tx,
      recipients.map((m) => ({ kind: "dm" as const, dedupeKey: `${input.idempotencyKey}:${m.personId}`, to: m.slackUserId, message })),
      services.now(),
    );
  });
  return { groupName: group.name, sent: recipients.length, enqueued };
}

/** File names people can keep in a folder: the group's slug-like name and the day. */
const fileStem = (name: string, now: Date) =>
  `${name
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, "-")
    .replace(/^-|-$/g, "")}-${now.toISOString().slice(0, 10)}`;

/**
 * The roster and its attendance as two CSV files in the requester's DM with Convene, recorded in
 * the audit log first (an export that reached Slack is never missing from the log).
 */
export async function exportRoster(services: Services, slack: WebClient, input: { slackUserId: string; groupId: string }): Promise<Roster> {
  const group = await groupById(services, input.groupId);
  const roster = await rosterFor(services, { slackUserId: input.slackUserId, group, action: "roster.export" });
  const stem = fileStem(group.name, services.now());
  await sendFilesToDm(
    slack,
    input.slackUserId,
    [
      { filename: `${stem}-roster.csv`, title: `${group.name}: roster`, content: rosterCsv(roster) },
      {
        filename: `${stem}-attendance.csv`,
        title: `${group.name}: attendance`,
        content: attendanceCsv(await groupAttendanceRows(services.db, group.id)),
      },
    ],
    `${group.name}: its roster (${roster.members.length} members, ${roster.waitlist.length} waitlisted) and attendance so far.`,
  );
  return roster;
}
