import type { App } from "@slack/bolt";
import { z } from "zod";
import { syncGroupChannel } from "../../services/channel-service";
import type { Services } from "../../services/context";
import { createGroup, editGroup } from "../../services/group-admin-service";
import { publishHome } from "../../services/home-service";
import { ensurePerson } from "../../services/people-service";
import { requireStaff } from "../../services/staff-service";
import { groupSavedMessage } from "../../views/admin-messages";
import { GROUP_MODAL_CALLBACK, parseGroupModal } from "../../views/group-modal";
import { failedSubmissionAnswer, submissionKey, onViewSubmission } from "../modal-flow";
import { metadataOf, stateOf, submittedView } from "../view-submission";

const metadata = z.object({ groupId: z.string().min(1).optional() });

/**
 * Staff save a group (new or edited). The form closes once it is saved; the channel follows
 * (created, renamed, archived when ended, facilitators invited) and staff get the outcome by DM.
 */
export function registerGroupModalSubmission(app: App, services: Services): void {
  onViewSubmission(app, services, GROUP_MODAL_CALLBACK, async ({ ack, body, client }) => {
    const { user, view } = submittedView.parse(body);
    const { groupId: editing } = metadataOf(metadata, view);
    let saved: { groupId: string; created: boolean; name: string };
    try {
      await requireStaff(services, user.id, editing ? "edit groups" : "create groups");
      const parsed = parseGroupModal(stateOf(view), { creating: !editing });
      if (!parsed.ok) return void (await ack({ response_action: "errors", errors: parsed.errors }));
      const form = parsed.value;
      const people = await Promise.all(form.facilitatorSlackIds.map((id) => ensurePerson(services, client, id)));
      const facilitators = people.map((p) => ({ personId: p.id, name: p.name }));
      if (editing) {
        await editGroup(services, user.id, editing, { form, facilitators });
        saved = { groupId: editing, created: false, name: form.name };
      } else {
        saved = { ...(await createGroup(services, user.id, { form, facilitators, submissionKey: submissionKey(view) })), name: form.name };
      }
    } catch (err) {
      return void (await ack(failedSubmissionAnswer(err, view, editing ? "Edit group" : "New group", services.logger)));
    }
    await ack({ response_action: "clear" });
    const channel = await syncGroupChannel(services, client, saved.groupId);
    await client.chat.postMessage({ channel: user.id, ...groupSavedMessage({ name: saved.name, created: saved.created, channel }) });
    await publishHome(services, client, user.id);
  });
}
