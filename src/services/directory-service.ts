/**
 * What people look up in Slack: groups, one group in full, sessions, deadlines, and their own
 * groups and proposals. Read only; times are instants, shown by the views in
 * each reader's zone.
 */
import { groupCards, groupRecord, proposalsOf, scopeOf } from "../db/directory-repository";
import { organizationDirectory } from "../db/organization-repository";
import { type SessionScope, upcomingDeadlines, upcomingSessions } from "../db/schedule-repository";
import { type GroupMatch, matchGroup } from "../domain/group-match";
import { notFound } from "../errors";
import type { DeadlineItem, SessionItem } from "../views/agenda-items";
import type { GroupCard } from "../views/group-card";
import type { GroupDetails } from "../views/group-details";
import type { MyProposal } from "../views/my-proposals";
import type { OrganizationEntry } from "../views/organizations-message";
import type { Services } from "./context";
import { feedUrl } from "./feed-url";
import { asMyProposal } from "./proposal-views";

type Deps = Pick<Services, "db" | "config" | "now">;

/** More than any list shows: views cut them to fit Slack's block limits. */
const LIST_LIMIT = 50;

export const listGroups = ({ db }: Deps, personId: string | null): Promise<GroupCard[]> => groupCards(db, personId);

/** The group a few typed words name (among active programmes' groups). */
export async function findGroup({ db }: Deps, query: string, personId: string | null): Promise<GroupMatch<GroupCard> & { all: GroupCard[] }> {
  const all = await groupCards(db, personId);
  return { ...matchGroup(query, all), all };
}

export async function groupDetails(deps: Deps, groupId: string, personId: string | null): Promise<GroupDetails> {
  const group = await groupRecord(deps.db, groupId, personId);
  if (!group) throw notFound("That group no longer exists. `/convene groups` lists the current ones.");
  const nextSessions = await upcomingSessions(deps.db, {
    from: deps.now(),
    scope: { groupIds: [group.id], programmeIds: [group.programmeId] },
    limit: 3,
  });
  return { ...group, nextSessions, feedUrl: feedUrl(deps.config, group.calendarToken) };
}

/** Upcoming sessions of one group (with its programme's sessions for everyone), or of every active programme. */
export async function sessionsOf(deps: Deps, group: { id: string } | null): Promise<SessionItem[]> {
  let scope: SessionScope = "all";
  if (group) {
    const record = await groupRecord(deps.db, group.id, null);
    if (!record) throw notFound("That group no longer exists.");
    scope = { groupIds: [record.id], programmeIds: [record.programmeId] };
  }
  return upcomingSessions(deps.db, { from: deps.now(), scope, limit: LIST_LIMIT });
}

export const allDeadlines = (deps: Deps): Promise<DeadlineItem[]> => upcomingDeadlines(deps.db, { from: deps.now(), programmeIds: "all", limit: LIST_LIMIT });

/** A proposer's latest proposals, with whether they may still edit or withdraw each. */
export async function myProposals(deps: Deps, personId: string): Promise<MyProposal[]> {
  const now = deps.now();
  return (await proposalsOf(deps.db, personId, 10)).map((p) => asMyProposal(p, now));
}

export interface MyOverview {
  groups: GroupCard[];
  sessions: SessionItem[];
  proposals: MyProposal[];
}

/** A person's groups (member or facilitator), the sessions they will meet in, and their proposals. */
export async function myOverview(deps: Deps, personId: string): Promise<MyOverview> {
  const scope = await scopeOf(deps.db, personId);
  const [cards, sessions, proposals] = await Promise.all([
    groupCards(deps.db, personId),
    scope.groupIds.length ? upcomingSessions(deps.db, { from: deps.now(), scope, limit: 10 }) : Promise.resolve([]),
    myProposals(deps, personId),
  ]);
  return { groups: cards.filter((g) => g.isMine), sessions, proposals };
}

/** Member and partner organizations with their people and groups: `/convene orgs`, for everyone. */
export function listOrganizations(services: Pick<Services, "db">): Promise<OrganizationEntry[]> {
  return organizationDirectory(services.db);
}

/** An organization by its exact name, any case. */
export function findOrganization(services: Pick<Services, "db">, name: string): Promise<{ id: string } | null> {
  return services.db.organization.findUnique({ where: { nameKey: name.trim().toLowerCase() }, select: { id: true } });
}
