/**
 * What people look up in Slack: groups, one group in full, sessions, deadlines, and their own
 * groups and proposals. Read only; times are instants, shown by the views in
 * each reader's zone.
 */
import { announcementChannels } from "../db/announcement-repository";
import { groupCards, groupRecord, proposalsOf, scopeOf } from "../db/directory-repository";
import { attendanceOf } from "../db/roster-repository";
import { type FacilitatorSessions, type SessionScope, upcomingDeadlines, upcomingSessions } from "../db/schedule-repository";
import { facilitatorSessionsSeenIn } from "../domain/session-audience";
import { organizationDirectory, organizationIdByKey } from "../db/organization-repository";
import { type GroupMatch, matchGroup } from "../domain/group-match";
import type { OrganizationEntry } from "../domain/organization-directory";
import { notFound } from "../errors";
import type { DeadlineItem, SessionItem } from "../views/agenda-items";
import type { GroupCard } from "../views/group-card";
import type { GroupDetails } from "../views/group-details";
import type { MyProposal } from "../views/my-proposals";
import type { Services } from "./context";
import { feedUrl, withIcsLinks } from "./feed-url";
import { asMyProposal } from "./proposal-views";

type Deps = Pick<Services, "db" | "config" | "now">;

/** More than any list shows: views cut them to fit Slack's block limits. */
const LIST_LIMIT = 50;

export const listGroups = ({ db, now }: Deps, personId: string | null): Promise<GroupCard[]> => groupCards(db, personId, now());

/** The group a few typed words name (among active programmes' groups). */
export async function findGroup(
  { db, now }: Deps,
  query: string,
  personId: string | null,
): Promise<GroupMatch<GroupCard> & { all: GroupCard[] }> {
  const all = await groupCards(db, personId, now());
  return { ...matchGroup(query, all), all };
}

/** Who is looking: facilitators-only sessions are listed only to the programme's facilitators and staff. */
export interface Viewer {
  personId: string;
  isStaff: boolean;
}

async function facilitatorSessionsOf(deps: Deps, viewer: Viewer): Promise<FacilitatorSessions> {
  if (viewer.isStaff) return "all";
  const { facilitatorOfProgrammes } = await scopeOf(deps.db, viewer.personId);
  return facilitatorSessionsSeenIn({ isStaff: false, facilitatorOfProgrammes });
}

export async function groupDetails(deps: Deps, groupId: string, viewer: Viewer): Promise<GroupDetails> {
  const group = await groupRecord(deps.db, groupId, viewer.personId, deps.now());
  if (!group) throw notFound("That group no longer exists. `/convene groups` lists the current ones.");
  const nextSessions = await upcomingSessions(deps.db, {
    from: deps.now(),
    scope: { groupIds: [group.id], programmeIds: [group.programmeId] },
    limit: 3,
    facilitatorSessions: await facilitatorSessionsOf(deps, viewer),
  });
  return { ...group, nextSessions: withIcsLinks(deps.config, nextSessions), feedUrl: feedUrl(deps.config, group.calendarToken) };
}

/** Upcoming sessions of one group (with its programme's sessions for everyone), or of every active programme. */
export async function sessionsOf(deps: Deps, group: { id: string } | null, viewer: Viewer): Promise<SessionItem[]> {
  let scope: SessionScope = "all";
  if (group) {
    const record = await groupRecord(deps.db, group.id, null, deps.now());
    if (!record) throw notFound("That group no longer exists.");
    scope = { groupIds: [record.id], programmeIds: [record.programmeId] };
  }
  return withIcsLinks(
    deps.config,
    await upcomingSessions(deps.db, {
      from: deps.now(),
      scope,
      limit: LIST_LIMIT,
      facilitatorSessions: await facilitatorSessionsOf(deps, viewer),
    }),
  );
}

export const allDeadlines = (deps: Deps): Promise<DeadlineItem[]> =>
  upcomingDeadlines(deps.db, { from: deps.now(), programmeIds: "all", limit: LIST_LIMIT });

/** Where deadline reminders are posted, programme by programme. */
export const deadlineChannels = (deps: Deps) => announcementChannels(deps.db);

/** A proposer's latest proposals, with whether they may still edit or withdraw each. */
export async function myProposals(deps: Deps, personId: string): Promise<MyProposal[]> {
  const now = deps.now();
  return (await proposalsOf(deps.db, personId, 10)).map((p) => asMyProposal(p, now));
}

export interface MyOverview {
  groups: GroupCard[];
  sessions: SessionItem[];
  proposals: MyProposal[];
  /** Their own attendance, per group: only they (and their facilitators and staff, on rosters) see it. */
  attendance: { groupName: string; attended: number; recorded: number }[];
}

/** A person's groups (member or facilitator), the sessions they will meet in, and their proposals. */
export async function myOverview(deps: Deps, viewer: Viewer): Promise<MyOverview> {
  const { personId } = viewer;
  const scope = await scopeOf(deps.db, personId);
  const facilitatorSessions = facilitatorSessionsSeenIn({ ...scope, isStaff: viewer.isStaff });
  const [cards, sessions, proposals, attendance] = await Promise.all([
    groupCards(deps.db, personId, deps.now()),
    scope.groupIds.length ? upcomingSessions(deps.db, { from: deps.now(), scope, limit: 10, facilitatorSessions }) : Promise.resolve([]),
    myProposals(deps, personId),
    attendanceOf(deps.db, personId),
  ]);
  return { groups: cards.filter((g) => g.isMine), sessions: withIcsLinks(deps.config, sessions), proposals, attendance };
}

/** Member and partner organizations with their people and groups: `/convene orgs`, for everyone. */
export function listOrganizations(services: Pick<Services, "db">): Promise<OrganizationEntry[]> {
  return organizationDirectory(services.db);
}

/** An organization by its exact name, any case. */
export async function findOrganization(services: Pick<Services, "db">, name: string): Promise<{ id: string } | null> {
  const id = await organizationIdByKey(services.db, name.trim().toLowerCase());
  return id ? { id } : null;
}
