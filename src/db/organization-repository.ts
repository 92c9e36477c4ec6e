/** Organizations as the directory reads them: kind, standing, network, people and their groups. */
import type { OrganizationEntry } from "../views/organizations-message";
import type { Db } from "./client";

/** Member and partner organizations, by name. */
export async function organizationDirectory(db: Db): Promise<OrganizationEntry[]> {
  const orgs = await db.organization.findMany({
    where: { memberStatus: { in: ["MEMBER", "PARTNER"] } },
    orderBy: { nameKey: "asc" },
    select: {
      id: true,
      name: true,
      kind: true,
      memberStatus: true,
      network: { select: { name: true } },
      schools: { select: { name: true }, orderBy: { nameKey: "asc" } },
      _count: { select: { people: { where: { deactivatedAt: null } } } },
    },
  });
  const seats = await db.membership.findMany({
    where: { status: "ACTIVE", person: { organizationId: { in: orgs.map((o) => o.id) } }, group: { programme: { status: "ACTIVE" } } },
    select: { person: { select: { organizationId: true } }, group: { select: { name: true } } },
  });
  const groupsOf = new Map<string, Set<string>>();
  for (const s of seats) {
    const org = s.person.organizationId!;
    groupsOf.set(org, (groupsOf.get(org) ?? new Set()).add(s.group.name));
  }
  return orgs.map((o) => ({
    id: o.id,
    name: o.name,
    kind: o.kind,
    status: o.memberStatus,
    network: o.network?.name ?? null,
    schools: o.schools.map((s) => s.name),
    people: o._count.people,
    groups: [...(groupsOf.get(o.id) ?? [])].sort(),
  }));
}
