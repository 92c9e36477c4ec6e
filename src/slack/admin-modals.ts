/**
 * Staff's modals, opened from `/convene admin`, from the Home tab, or on top of the admin menu.
 * Each is built by a service that checks staff first: anyone else sees the refusal in the modal.
 */
import type { ModalView } from "@slack/types";
import type { WebClient } from "@slack/web-api";
import { UserError } from "../errors";
import { adminOverview } from "../services/admin-overview-service";
import { programmeSettings } from "../services/announcement-service";
import type { Services } from "../services/context";
import { groupFormData } from "../services/group-admin-service";
import { organizationFormData } from "../services/organization-admin-service";
import { personForm } from "../services/person-admin-service";
import { sessionFormData, sessionItem } from "../services/session-admin-service";
import { rolloverForm } from "../services/rollover-service";
import { requireStaff } from "../services/staff-service";
import { adminMenuModal } from "../views/admin-menu-modal";
import { cancelSessionModal } from "../views/cancel-session-modal";
import { groupModal } from "../views/group-modal";
import { messageModal, refusalModal } from "../views/modal-kit";
import { sessionModal } from "../views/session-modal";
import { organizationModal } from "../views/organization-modal";
import { personModal } from "../views/person-modal";
import { programmeSettingsModal } from "../views/programme-settings-modal";
import { rolloverModal } from "../views/rollover-modal";
import { staffModal } from "../views/staff-modal";
import { openModalWhenReady } from "./modal-flow";

/** Where the modal goes: a new one from a command or Home (`open`), or on top of the admin menu (`push`). */
export interface ModalTarget {
  triggerId: string;
  userId: string;
  push: boolean;
}

async function show(
  services: Services,
  client: WebClient,
  target: ModalTarget,
  title: string,
  build: () => Promise<ModalView>,
): Promise<void> {
  if (!target.push) return openModalWhenReady(client, { triggerId: target.triggerId, title, logger: services.logger, build });
  let view: ModalView;
  try {
    view = await build();
  } catch (err) {
    if (!(err instanceof UserError)) services.logger.error({ err }, "could not fill an admin modal");
    view =
      err instanceof UserError
        ? refusalModal(title, err.message)
        : messageModal(title, ":warning: Convene could not load this just now. Please try again in a minute.");
  }
  await client.views.push({ trigger_id: target.triggerId, view });
}

/** The admin menu's view for a staff member, with an optional notice on top. */
export async function adminMenuView(services: Services, userId: string, zone: string, notice?: string): Promise<ModalView> {
  return adminMenuModal({ ...(await adminOverview(services, userId)), zone, ...(notice && { notice }) });
}

export const showAdminMenu = (services: Services, client: WebClient, target: ModalTarget, zone: string) =>
  show(services, client, target, "Convene admin", () => adminMenuView(services, target.userId, zone));

export const showGroupModal = (services: Services, client: WebClient, target: ModalTarget, groupId?: string) =>
  show(services, client, target, groupId ? "Edit group" : "New group", async () =>
    groupModal(await groupFormData(services, target.userId, groupId)),
  );

export const showSessionModal = (
  services: Services,
  client: WebClient,
  target: ModalTarget,
  opts: { sessionId?: string; scope?: string } = {},
) =>
  show(services, client, target, opts.sessionId ? "Edit session" : "New session", async () => {
    const data = await sessionFormData(services, target.userId, opts.sessionId);
    const s = data.session;
    return sessionModal({
      ...data,
      scope: opts.scope,
      session: s && { ...s, scopeLabel: s.groupName ?? `everyone in ${s.programmeName}` },
    });
  });

export const showCancelModal = (services: Services, client: WebClient, target: ModalTarget, sessionId: string, zone: string) =>
  show(services, client, target, "Cancel session", async () => {
    await requireStaff(services, target.userId, "cancel sessions");
    return cancelSessionModal(await sessionItem(services, sessionId), zone);
  });

export const showStaffModal = (services: Services, client: WebClient, target: ModalTarget) =>
  show(services, client, target, "Make someone staff", async () => {
    await requireStaff(services, target.userId, "make someone staff");
    return staffModal();
  });

export const showPersonModal = (services: Services, client: WebClient, target: ModalTarget, slackUserId: string) =>
  show(services, client, target, "Person", async () => personModal(await personForm(services, client, target.userId, slackUserId)));

export const showOrganizationModal = (services: Services, client: WebClient, target: ModalTarget, organizationId?: string) =>
  show(services, client, target, organizationId ? "Edit organization" : "New organization", async () =>
    organizationModal(await organizationFormData(services, target.userId, organizationId)),
  );

export const showRolloverModal = (services: Services, client: WebClient, target: ModalTarget, programmeSlug: string) =>
  show(services, client, target, "Next year", async () => rolloverModal(await rolloverForm(services, target.userId, programmeSlug)));

export const showProgrammeSettingsModal = (services: Services, client: WebClient, target: ModalTarget, slug: string) =>
  show(services, client, target, "Programme settings", async () =>
    programmeSettingsModal(await programmeSettings(services, target.userId, slug)),
  );
