import type { App } from "@slack/bolt";
import { z } from "zod";
import { attendanceForm, notesForm } from "../../services/attendance-service";
import type { Services } from "../../services/context";
import { ATTENDANCE_TITLE, attendanceModal } from "../../views/attendance-modal";
import { ATTENDANCE_RECORD, ATTENDANCE_SHARE_NOTES } from "../../views/reminder-message";
import { NOTES_TITLE, sessionNotesModal } from "../../views/session-notes-modal";
import { openModalWhenReady } from "../modal-flow";

const click = z.object({
  user: z.object({ id: z.string().min(1) }),
  trigger_id: z.string().min(1),
  actions: z.array(z.object({ value: z.string().min(1) })).length(1),
});

/**
 * The attendance prompt's buttons open their forms at once; the service checks that the clicker
 * facilitates the group (or is staff), and a refusal is what the modal then shows.
 */
export function registerAttendanceButtons(app: App, services: Services): void {
  app.action(ATTENDANCE_RECORD, async ({ ack, body, client }) => {
    await ack();
    const { user, trigger_id, actions } = click.parse(body);
    await openModalWhenReady(client, {
      triggerId: trigger_id,
      title: ATTENDANCE_TITLE,
      logger: services.logger,
      build: async () => attendanceModal(await attendanceForm(services, client, user.id, actions[0]!.value)),
    });
  });
  app.action(ATTENDANCE_SHARE_NOTES, async ({ ack, body, client }) => {
    await ack();
    const { user, trigger_id, actions } = click.parse(body);
    await openModalWhenReady(client, {
      triggerId: trigger_id,
      title: NOTES_TITLE,
      logger: services.logger,
      build: async () => sessionNotesModal(await notesForm(services, user.id, actions[0]!.value)),
    });
  });
}
