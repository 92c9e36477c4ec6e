/** Organizations as the directory reads them: kind, standing, network, people and their groups. */
import type { OrganizationEntry } from "../domain/organization-directory";
import type { Db, Tx } from "./client";

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

export type OrganizationKind = OrganizationEntry["kind"];
export type MemberStatus = OrganizationEntry["status"];

/** Organizations for a picker, by name; `kind` narrows it (a network's picker). */
export function organizationChoices(db: Db | Tx, opts: { kind?: OrganizationKind } = {}): Promise<{ id: string; name: string }[]> {
  return db.organization.findMany({
    where: opts.kind ? { kind: opts.kind } : {},
    orderBy: { nameKey: "asc" },
    select: { id: true, name: true },
  });
}

export async function organizationById(db: Db | Tx, id: string): Promise<{ id: string; name: string; memberStatus: MemberStatus } | null> {
  return db.organization.findUnique({ where: { id }, select: { id: true, name: true, memberStatus: true } });
}

/** An organization by its name's key (its name in lower case). */
export async function organizationIdByKey(db: Db | Tx, nameKey: string): Promise<string | null> {
  return (await db.organization.findUnique({ where: { nameKey }, select: { id: true } }))?.id ?? null;
}

/** The organization an email domain belongs to, if any. */
export async function organizationIdOfDomain(db: Db | Tx, domain: string): Promise<string | null> {
  return (await db.organizationDomain.findUnique({ where: { domain }, select: { organizationId: true } }))?.organizationId ?? null;
}

export async function organizationIdOfSlackTeam(db: Db | Tx, teamId: string): Promise<string | null> {
  return (await db.organizationSlackTeam.findUnique({ where: { teamId }, select: { organizationId: true } }))?.organizationId ?? null;
}

/** An organization's name and standing, and whether it holds this email domain and this Slack team. */
export async function organizationTies(
  db: Db | Tx,
  id: string,
  person: { domain: string | null; slackTeamId: string | null },
): Promise<{ name: string; memberStatus: MemberStatus; byDomain: boolean; bySlackTeam: string | null } | null> {
  const o = await db.organization.findUnique({
    where: { id },
    select: {
      name: true,
      memberStatus: true,
      domains: { where: { domain: person.domain ?? "" }, select: { domain: true } },
      slackTeams: { where: { teamId: person.slackTeamId ?? "" }, select: { teamId: true } },
    },
  });
  return o && { name: o.name, memberStatus: o.memberStatus, byDomain: o.domains.length > 0, bySlackTeam: o.slackTeams[0]?.teamId ?? null };
}

export interface EditableOrganization {
  id: string;
  name: string;
  kind: OrganizationKind;
  status: MemberStatus;
  domains: string[];
  slackTeams: string[];
  networkId: string | null;
}

export async function editableOrganization(db: Db | Tx, id: string): Promise<EditableOrganization | null> {
  const o = await db.organization.findUnique({
    where: { id },
    include: { domains: { orderBy: { domain: "asc" } }, slackTeams: { orderBy: { teamId: "asc" } } },
  });
  return (
    o && {
      id: o.id,
      name: o.name,
      kind: o.kind,
      status: o.memberStatus,
      domains: o.domains.map((d) => d.domain),
      slackTeams: o.slackTeams.map((t) => t.teamId),
      networkId: o.networkId,
    }
  );
}

/** Which of these domains belong to another organization than `exceptId`, and to which. */
export async function domainsTaken(
  tx: Tx,
  domains: readonly string[],
  exceptId: string | null,
): Promise<{ domain: string; organizationName: string }[]> {
  const rows = await tx.organizationDomain.findMany({
    where: { domain: { in: [...domains] }, ...(exceptId && { organizationId: { not: exceptId } }) },
    include: { organization: { select: { name: true } } },
  });
  return rows.map((d) => ({ domain: d.domain, organizationName: d.organization.name }));
}

/** Which of these Slack teams belong to another organization than `exceptId`, and to which. */
export async function slackTeamsTaken(
  tx: Tx,
  teamIds: readonly string[],
  exceptId: string | null,
): Promise<{ teamId: string; organizationName: string }[]> {
  const rows = await tx.organizationSlackTeam.findMany({
    where: { teamId: { in: [...teamIds] }, ...(exceptId && { organizationId: { not: exceptId } }) },
    include: { organization: { select: { name: true } } },
  });
  return rows.map((t) => ({ teamId: t.teamId, organizationName: t.organization.name }));
}

/**
 * Creates or updates an organization with exactly these domains; people known at a new domain who
 * belong nowhere yet join it. Returns its id.
 */
export async function writeOrganization(
  tx: Tx,
  id: string | null,
  org: {
    name: string;
    kind: OrganizationKind;
    status: MemberStatus;
    networkId: string | null;
    domains: readonly string[];
    slackTeams: readonly string[];
  },
): Promise<string> {
  const data = { name: org.name, nameKey: org.name.toLowerCase(), kind: org.kind, memberStatus: org.status, networkId: org.networkId };
  const saved = id ? (await tx.organization.update({ where: { id }, data })).id : (await tx.organization.create({ data })).id;
  await tx.organizationDomain.deleteMany({ where: { organizationId: saved, domain: { notIn: [...org.domains] } } });
  for (const domain of org.domains)
    await tx.organizationDomain.upsert({ where: { domain }, create: { domain, organizationId: saved }, update: {} });
  await tx.organizationSlackTeam.deleteMany({ where: { organizationId: saved, teamId: { notIn: [...org.slackTeams] } } });
  for (const teamId of org.slackTeams)
    await tx.organizationSlackTeam.upsert({ where: { teamId }, create: { teamId, organizationId: saved }, update: {} });
  await adoptKnownPeople(tx, saved, org);
  return saved;
}

/** People Convene knows at these email domains or Slack teams, and of no organization yet, become the organization's. */
export async function adoptKnownPeople(
  tx: Tx,
  organizationId: string,
  at: { domains: readonly string[]; slackTeams?: readonly string[] },
): Promise<void> {
  for (const domain of at.domains)
    await tx.person.updateMany({ where: { organizationId: null, email: { endsWith: `@${domain}` } }, data: { organizationId } });
  for (const slackTeamId of at.slackTeams ?? [])
    await tx.person.updateMany({ where: { organizationId: null, slackTeamId }, data: { organizationId } });
}

/**
 * An organization admitted as a member, with its people to welcome: those Convene met before
 * their domain or Slack team was the organization's become its people now. Staff (`leaveOut`) are not among them.
 */
export async function admittedOrganization(
  tx: Tx,
  id: string,
  leaveOut: readonly string[],
): Promise<{ id: string; name: string; domains: string[]; people: { id: string; slackUserId: string }[] } | null> {
  const org = await tx.organization.findUnique({ where: { id }, include: { domains: { orderBy: { domain: "asc" } }, slackTeams: true } });
  if (org?.memberStatus !== "MEMBER") return null;
  const domains = org.domains.map((d) => d.domain);
  await adoptKnownPeople(tx, org.id, { domains, slackTeams: org.slackTeams.map((t) => t.teamId) });
  const people = await tx.person.findMany({
    where: { organizationId: org.id, deactivatedAt: null, isStaff: false, slackUserId: { notIn: [...leaveOut] } },
    select: { id: true, slackUserId: true },
    orderBy: { id: "asc" },
  });
  return { id: org.id, name: org.name, domains, people };
}

/** The ids of the organizations with these name keys. */
export async function organizationIdsByKey(tx: Db | Tx, nameKeys: readonly string[]): Promise<string[]> {
  return (await tx.organization.findMany({ where: { nameKey: { in: [...nameKeys] } }, select: { id: true } })).map((o) => o.id);
}
