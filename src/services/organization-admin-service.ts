/**
 * Staff create and edit organizations in Slack: kind, standing, domains, Slack Connect teams,
 * network. Domains are refused when public (gmail.com) or another organization's, teams when
 * another organization's; people known at a new domain or team join it. One admitted as a
 * member welcomes its people (organization-welcome-service.ts).
 */
import { writeAudit } from "../db/audit-repository";
import {
  domainsTaken,
  editableOrganization,
  organizationById,
  organizationChoices,
  organizationIdByKey,
  slackTeamsTaken,
  writeOrganization,
} from "../db/organization-repository";
import { publicDomainsProblem } from "../domain/public-email-domains";
import { fieldErrors, notFound } from "../errors";
import { ORGANIZATION_BLOCKS as B, type OrganizationForm, type OrganizationModalInput } from "../views/organization-modal";
import type { Services } from "./context";
import { admits, welcomeAdmitted } from "./organization-welcome-service";
import { requireStaff } from "./staff-service";

export async function organizationFormData(services: Services, actor: string, organizationId?: string): Promise<OrganizationModalInput> {
  await requireStaff(services, actor, "edit organizations");
  const { db } = services;
  const networks = await organizationChoices(db, { kind: "NETWORK" });
  if (!organizationId) return { networks };
  const organization = await editableOrganization(db, organizationId);
  if (!organization) throw notFound("That organization no longer exists.");
  return { organization, networks };
}

/**
 * Saves the form. An organization admitted by it (now a member, and not before) welcomes its
 * people and gives staff a checklist: `followUps` are those messages, to send once saved.
 */
export async function saveOrganization(
  services: Services,
  actor: string,
  input: { organizationId: string | null; form: OrganizationForm },
): Promise<{ name: string; admitted: boolean; followUps: string[] }> {
  await requireStaff(services, actor, "edit organizations");
  const { form } = input;
  const publicDomains = publicDomainsProblem(form.domains);
  if (publicDomains) throw fieldErrors({ [B.domains]: publicDomains });
  return services.db.$transaction(async (tx) => {
    const named = await organizationIdByKey(tx, form.name.toLowerCase());
    if (named && named !== input.organizationId)
      throw fieldErrors({ [B.name]: `${form.name} is already an organization: edit that one instead.` });
    const taken = await domainsTaken(tx, form.domains, input.organizationId);
    if (taken.length)
      throw fieldErrors({ [B.domains]: taken.map((d) => `${d.domain} already belongs to ${d.organizationName}.`).join(" ") });
    const takenTeams = await slackTeamsTaken(tx, form.slackTeams, input.organizationId);
    if (takenTeams.length)
      throw fieldErrors({ [B.slackTeams]: takenTeams.map((t) => `${t.teamId} already belongs to ${t.organizationName}.`).join(" ") });
    // The choice comes from the form's list, but a stale or forged one must not reach the foreign key.
    const network = form.networkId !== null && (await organizationById(tx, form.networkId));
    if (form.networkId !== null && (!network || form.networkId === input.organizationId))
      throw fieldErrors({ [B.network]: "Choose a network from the list, or None." });
    const before = input.organizationId ? await organizationById(tx, input.organizationId) : null;
    const id = await writeOrganization(tx, input.organizationId, form);
    await writeAudit(tx, {
      actor,
      action: input.organizationId ? "organization.update" : "organization.create",
      entityType: "Organization",
      entityId: id,
      detail: { ...form },
      at: services.now(),
    });
    const admitted = admits(before?.memberStatus ?? null, form.status);
    const followUps = admitted
      ? await welcomeAdmitted(tx, { organizationIds: [id], admins: services.config.CONVENE_ADMINS, now: services.now() })
      : [];
    return { name: form.name, admitted, followUps };
  });
}
