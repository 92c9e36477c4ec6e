/** What staff's admin menu lists: every programme (with its calendar feed), the groups and the upcoming sessions. */
import { groupCards, programmes } from "../db/directory-repository";
import { organizationChoices } from "../db/organization-repository";
import type { Services } from "./context";
import { feedUrl } from "./feed-url";
import { sessionChoices } from "./session-admin-service";
import { requireStaff } from "./staff-service";

export interface AdminOverview {
  programmes: {
    id: string;
    slug: string;
    name: string;
    status: "ACTIVE" | "ARCHIVED";
    groupCount: number;
    feedUrl: string;
    announcementChannelId: string | null;
  }[];
  groups: { id: string; name: string }[];
  sessions: { id: string; title: string; groupName: string | null; startsAt: Date }[];
  organizations: { id: string; name: string }[];
}

export async function adminOverview(services: Services, actor: string): Promise<AdminOverview> {
  await requireStaff(services, actor, "use Convene's admin");
  const [all, groups, sessions, organizations] = await Promise.all([
    programmes(services.db, { activeOnly: false }),
    groupCards(services.db, null, services.now()),
    sessionChoices(services),
    organizationChoices(services.db),
  ]);
  return {
    programmes: all.map((p) => ({
      id: p.id,
      slug: p.slug,
      name: p.name,
      status: p.status,
      groupCount: p.groupCount,
      feedUrl: feedUrl(services.config, p.calendarToken),
      announcementChannelId: p.announcementChannelId,
    })),
    groups: groups.map((g) => ({ id: g.id, name: g.name })),
    sessions: sessions.map((s) => ({ id: s.id, title: s.title, groupName: s.groupName, startsAt: s.startsAt })),
    organizations,
  };
}
