/**
 * Staff look a person up and change their standing: confirm them as a member of an organization
 * (or revoke that), make them staff (or remove that, never the last staff member). Each change is
 * audited, and the person hears about a confirmation by DM.
 */
import { organizationById, organizationChoices, organizationIdOfDomain } from "../db/organization-repository";
import { deactivatedAmong, lockStaff, otherActiveStaff, setRoles } from "../db/person-repository";
import type { WebClient } from "@slack/web-api";
import { writeAudit } from "../db/audit-repository";
import { providerOf } from "../db/client";
import { decideRole } from "../domain/eligibility";
import { fieldErrors } from "../errors";
import { memberConfirmedMessage } from "../views/person-messages";
import { PERSON_BLOCKS, type PersonChange, type PersonModalInput } from "../views/person-modal";
import type { Services } from "./context";
import { ensurePerson, refuseDeactivated, roleFactsOf } from "./people-service";
import { enqueue, type FollowUp } from "../outbox/enqueue";
import { requireStaff } from "./staff-service";

export async function personForm(services: Services, client: WebClient, actor: string, slackUserId: string): Promise<PersonModalInput> {
  await requireStaff(services, actor, "look people up");
  const person = await ensurePerson(services, client, slackUserId);
  const { role, reason } = decideRole(await roleFactsOf(services, person));
  const organizations = await organizationChoices(services.db);
  return {
    slackUserId,
    name: person.name,
    email: person.email,
    role,
    reason,
    confirmedIn: person.memberOverride ? person.organizationId : null,
    isStaff: person.isStaff || services.config.CONVENE_ADMINS.includes(slackUserId),
    organizations,
  };
}

export interface PersonSaved {
  name: string;
  followUps: string[];
}

export async function savePerson(
  services: Services,
  client: WebClient,
  actor: string,
  slackUserId: string,
  change: PersonChange,
): Promise<PersonSaved> {
  await requireStaff(services, actor, "change people's roles");
  const person = await ensurePerson(services, client, slackUserId);
  const { db, config } = services;
  const now = services.now();
  if (change.staff || change.confirmedIn)
    refuseDeactivated([person], change.staff && !person.isStaff ? PERSON_BLOCKS.staff : PERSON_BLOCKS.confirmedIn);
  const fromSetting = config.CONVENE_ADMINS.includes(slackUserId);
  if (!change.staff && fromSetting) {
    throw fieldErrors({
      [PERSON_BLOCKS.staff]: `${person.name} is staff through the CONVENE_ADMINS setting: remove them there, then restart Convene.`,
    });
  }
  return db.$transaction(async (tx) => {
    const org = change.confirmedIn ? await organizationById(tx, change.confirmedIn) : null;
    if (change.confirmedIn && !org)
      throw fieldErrors({ [PERSON_BLOCKS.confirmedIn]: "That organization no longer exists: choose another." });
    if (person.isStaff && !change.staff) {
      // Someone must be left who can administer Convene: the setting's people count, unless deactivated.
      await lockStaff(tx, providerOf(config.DATABASE_URL));
      const others = await otherActiveStaff(tx, person.id);
      const fromConfig = config.CONVENE_ADMINS.length
        ? config.CONVENE_ADMINS.length - (await deactivatedAmong(tx, config.CONVENE_ADMINS))
        : 0;
      if (others + fromConfig === 0)
        throw fieldErrors({ [PERSON_BLOCKS.staff]: `${person.name} is the last coalition staff member: make someone else staff first.` });
    }
    // Revoking a confirmation gives the person back to their email's domain, read again next lookup.
    const emailOrg = person.email ? await organizationIdOfDomain(tx, person.email.split("@")[1] ?? "") : null;
    await setRoles(tx, person.id, {
      isStaff: change.staff && !fromSetting,
      memberOverride: org !== null,
      organizationId: org?.id ?? emailOrg ?? null,
    });
    await writeAudit(tx, {
      actor,
      action: "person.update",
      entityType: "Person",
      entityId: person.id,
      detail: { slackUserId, confirmedIn: org?.id ?? null, staff: change.staff },
      at: now,
    });
    const followUps: FollowUp[] = [];
    if (org && !(person.memberOverride && person.organizationId === org.id)) {
      followUps.push({
        kind: "dm",
        dedupeKey: `person:${person.id}:confirmed:${org.id}:${now.getTime()}`,
        to: slackUserId,
        message: memberConfirmedMessage(org.name),
      });
    }
    return { name: person.name, followUps: await enqueue(tx, followUps, now) };
  });
}
