/**
 * Staff create and edit organizations in Slack: kind, standing, domains, Slack Connect teams,
 * network. Domains are refused when public (gmail.com) or another organization's, teams when
 * another organization's; people known at a new domain or team join it.
 */
import { writeAudit } from "../db/audit-repository";
import { publicDomainsProblem } from "../domain/public-email-domains";
import { fieldErrors, notFound } from "../errors";
import { ORGANIZATION_BLOCKS as B, type OrganizationForm, type OrganizationModalInput } from "../views/organization-modal";
import type { Services } from "./context";
import { requireStaff } from "./staff-service";

export async function organizationFormData(services: Services, actor: string, organizationId?: string): Promise<OrganizationModalInput> {
  await requireStaff(services, actor, "edit organizations");
  const { db } = services;
  const networks = await db.organization.findMany({ where: { kind: "NETWORK" }, orderBy: { nameKey: "asc" }, select: { id: true, name: true } });
  if (!organizationId) return { networks };
  const o = await db.organization.findUnique({ where: { id: organizationId }, include: { domains: { orderBy: { domain: "asc" } }, slackTeams: { orderBy: { teamId: "asc" } } } });
  if (!o) throw notFound("That organization no longer exists.");
  return { organization: { id: o.id, name: o.name, kind: o.kind, status: o.memberStatus, domains: o.domains.map((d) => d.domain), slackTeams: o.slackTeams.map((t) => t.teamId), networkId: o.networkId }, networks };
}

export async function saveOrganization(services: Services, actor: string, input: { organizationId: string | null; form: OrganizationForm }): Promise<{ name: string }> {
  await requireStaff(services, actor, "edit organizations");
  const { form } = input;
  const publicDomains = publicDomainsProblem(form.domains);
  if (publicDomains) throw fieldErrors({ [B.domains]: publicDomains });
  return services.db.$transaction(async (tx) => {
    const named = await tx.organization.findUnique({ where: { nameKey: form.name.toLowerCase() }, select: { id: true } });
    if (named && named.id !== input.organizationId) throw fieldErrors({ [B.name]: `${form.name} is already an organization: edit that one instead.` });
    const taken = await tx.organizationDomain.findMany({ where: { domain: { in: form.domains }, ...(input.organizationId && { organizationId: { not: input.organizationId } }) }, include: { organization: { select: { name: true } } } });
    if (taken.length) throw fieldErrors({ [B.domains]: taken.map((d) => `${d.domain} already belongs to ${d.organization.name}.`).join(" ") });
    const takenTeams = await tx.organizationSlackTeam.findMany({ where: { teamId: { in: form.slackTeams }, ...(input.organizationId && { organizationId: { not: input.organizationId } }) }, include: { organization: { select: { name: true } } } });
    if (takenTeams.length) throw fieldErrors({ [B.slackTeams]: takenTeams.map((t) => `${t.teamId} already belongs to ${t.organization.name}.`).join(" ") });
    // The choice comes from the form's list, but a stale or forged one must not reach the foreign key.
    const network = form.networkId !== null && (await tx.organization.findUnique({ where: { id: form.networkId }, select: { id: true } }));
    if (form.networkId !== null && (!network || form.networkId === input.organizationId)) throw fieldErrors({ [B.network]: "Choose a network from the list, or None." });
    const data = { name: form.name, nameKey: form.name.toLowerCase(), kind: form.kind, memberStatus: form.status, networkId: form.networkId };
    const id = input.organizationId
      ? (await tx.organization.update({ where: { id: input.organizationId }, data })).id
      : (await tx.organization.create({ data })).id;
    await tx.organizationDomain.deleteMany({ where: { organizationId: id, domain: { notIn: form.domains } } });
    for (const domain of form.domains) {
      await tx.organizationDomain.upsert({ where: { domain }, create: { domain, organizationId: id }, update: {} });
      await tx.person.updateMany({ where: { organizationId: null, email: { endsWith: `@${domain}` } }, data: { organizationId: id } });
    }
    await tx.organizationSlackTeam.deleteMany({ where: { organizationId: id, teamId: { notIn: form.slackTeams } } });
    for (const teamId of form.slackTeams) {
      await tx.organizationSlackTeam.upsert({ where: { teamId }, create: { teamId, organizationId: id }, update: {} });
      await tx.person.updateMany({ where: { organizationId: null, slackTeamId: teamId }, data: { organizationId: id } });
    }
    await writeAudit(tx, { actor, action: input.organizationId ? "organization.update" : "organization.create", entityType: "Organization", entityId: id, detail: { ...form }, at: services.now() });
    return { name: form.name };
  });
}
