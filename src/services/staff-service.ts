/** Who may act as coalition staff, checked on the server for every admin action, and making someone staff. */
import type { WebClient } from "@slack/web-api";
import { writeAudit } from "../db/audit-repository";
import { grantStaff as grantStaffRow } from "../db/person-repository";
import { forbidden } from "../errors";
import type { Services } from "./context";
import { STAFF_USER_BLOCK } from "../views/staff-modal";
import { ensurePerson, isStaff, refuseDeactivated } from "./people-service";

/** Throws the refusal a person sees (e.g. "Only coalition staff can edit groups.") unless they are staff. */
export async function requireStaff(services: Pick<Services, "db" | "config">, slackUserId: string, what: string): Promise<void> {
  if (!(await isStaff(services, slackUserId))) throw forbidden(what);
}

/** Makes a Slack user staff; false when they already were (CONVENE_ADMINS, or granted before). */
export async function grantStaff(
  services: Services,
  client: WebClient,
  actor: string,
  slackUserId: string,
): Promise<{ name: string; granted: boolean }> {
  await requireStaff(services, actor, "make someone staff");
  const person = await ensurePerson(services, client, slackUserId);
  refuseDeactivated([person], STAFF_USER_BLOCK);
  if (await isStaff(services, slackUserId)) return { name: person.name, granted: false };
  const granted = await services.db.$transaction(async (tx) => {
    const changed = await grantStaffRow(tx, person.id);
    if (changed)
      await writeAudit(tx, {
        actor,
        action: "person.grant_staff",
        entityType: "Person",
        entityId: person.id,
        detail: { slackUserId },
        at: services.now(),
      });
    return changed;
  });
  return { name: person.name, granted };
}
