import type { App } from "@slack/bolt";
import type { WebClient } from "@slack/web-api";
import { z } from "zod";
import { forbidden } from "../../errors";
import { adminOverview } from "../../services/admin-overview-service";
import { syncProgrammeChannels } from "../../services/channel-service";
import type { Services } from "../../services/context";
import { isStaff } from "../../services/people-service";
import {
  ADMIN_GROUP_EDIT,
  ADMIN_GROUP_NEW,
  ADMIN_ORG_EDIT,
  ADMIN_ORG_NEW,
  ADMIN_PERSON,
  ADMIN_PROGRAMME_SETTINGS,
  ADMIN_ROLLOVER,
  ADMIN_SESSION_CANCEL,
  ADMIN_SESSION_EDIT,
  ADMIN_SESSION_NEW,
  ADMIN_STAFF,
  ADMIN_SYNC_CHANNELS,
  adminMenuModal,
} from "../../views/admin-menu-modal";
import { channelSyncNotice } from "../../views/admin-messages";
import { type Message, notice as noticeMessage } from "../../views/message";
import {
  type ModalTarget,
  showCancelModal,
  showGroupModal,
  showOrganizationModal,
  showPersonModal,
  showProgrammeSettingsModal,
  showRolloverModal,
  showSessionModal,
  showStaffModal,
} from "../admin-modals";
import { readerOf } from "../reader";
import { replyError } from "../reply-error";
import { replyPrivately } from "../reply-privately";

const click = z.object({
  user: z.object({ id: z.string().min(1) }),
  trigger_id: z.string().min(1),
  view: z.object({ id: z.string().min(1) }).optional(),
  actions: z
    .array(
      z.object({
        value: z.string().optional(),
        selected_option: z.object({ value: z.string().min(1) }).optional(),
        selected_user: z.string().min(1).optional(),
      }),
    )
    .length(1),
});

type Click = z.infer<typeof click>;
type Context = { target: ModalTarget; client: WebClient; reply: (message: Message) => Promise<unknown> };
const chosen = (c: Click) =>
  z
    .string()
    .min(1)
    .parse(c.actions[0]!.selected_option?.value ?? c.actions[0]!.selected_user ?? c.actions[0]!.value);

/**
 * The admin menu's controls. Each opens its form on top of the menu; Sync channels updates the
 * menu with the outcome. Staff is checked first: a forged click from anyone else is refused.
 */
export function registerAdminMenuActions(app: App, services: Services): void {
  const on = (actionId: string, handle: (c: Click, ctx: Context) => Promise<unknown>) =>
    app.action(actionId, async ({ ack, body, client, respond, logger }) => {
      await ack();
      const c = click.parse(body);
      const reply = (message: Message) => replyPrivately({ client, respond, userId: c.user.id }, message);
      try {
        if (!(await isStaff(services, c.user.id))) throw forbidden("use Convene's admin");
        await handle(c, { target: { triggerId: c.trigger_id, userId: c.user.id, push: !!c.view }, client, reply });
      } catch (err) {
        await replyError(err, logger, reply);
      }
    });

  on(ADMIN_GROUP_NEW, (_c, { target, client }) => showGroupModal(services, client, target));
  on(ADMIN_GROUP_EDIT, (c, { target, client }) => showGroupModal(services, client, target, chosen(c)));
  on(ADMIN_SESSION_NEW, (_c, { target, client }) => showSessionModal(services, client, target));
  on(ADMIN_SESSION_EDIT, (c, { target, client }) => showSessionModal(services, client, target, { sessionId: chosen(c) }));
  on(ADMIN_SESSION_CANCEL, async (c, { target, client }) => {
    const reader = await readerOf(services, client, c.user.id);
    await showCancelModal(services, client, target, chosen(c), reader.zone);
  });
  on(ADMIN_STAFF, (_c, { target, client }) => showStaffModal(services, client, target));
  on(ADMIN_PERSON, (c, { target, client }) => showPersonModal(services, client, target, chosen(c)));
  on(ADMIN_ORG_NEW, (_c, { target, client }) => showOrganizationModal(services, client, target));
  on(ADMIN_ORG_EDIT, (c, { target, client }) => showOrganizationModal(services, client, target, chosen(c)));
  on(ADMIN_PROGRAMME_SETTINGS, (c, { target, client }) => showProgrammeSettingsModal(services, client, target, chosen(c)));
  on(ADMIN_ROLLOVER, (c, { target, client }) => showRolloverModal(services, client, target, chosen(c)));
  on(ADMIN_SYNC_CHANNELS, async (c, { client, reply }) => {
    const slug = chosen(c);
    const results = await syncProgrammeChannels(services, client, slug);
    const [overview, reader] = await Promise.all([adminOverview(services, c.user.id), readerOf(services, client, c.user.id)]);
    const notice = channelSyncNotice(overview.programmes.find((p) => p.slug === slug)?.name ?? slug, results);
    if (c.view) await client.views.update({ view_id: c.view.id, view: adminMenuModal({ ...overview, zone: reader.zone, notice }) });
    else await reply(noticeMessage(notice));
  });
}
