import type { App } from "@slack/bolt";
import { z } from "zod";
import { changeAnnouncementChannel } from "../../services/announcement-service";
import type { Services } from "../../services/context";
import { requireStaff } from "../../services/staff-service";
import { channelSyncNotice } from "../../views/admin-messages";
import { type Message, notice } from "../../views/message";
import { parseProgrammeSettings, PROGRAMME_SETTINGS_CALLBACK } from "../../views/programme-settings-modal";
import { failedSubmissionAnswer, onViewSubmission } from "../modal-flow";
import { replyError } from "../reply-error";
import { metadataOf, stateOf, submittedView } from "../view-submission";

const metadata = z.object({ slug: z.string().min(1).optional() });

/**
 * Staff save a programme's settings: the form closes once it is checked, then the same service as
 * `/convene admin announcements` sets the channel and syncs it; staff get the outcome by DM.
 */
export function registerProgrammeSettingsSubmission(app: App, services: Services): void {
  onViewSubmission(app, services, PROGRAMME_SETTINGS_CALLBACK, async ({ ack, body, client, logger }) => {
    const { user, view } = submittedView.parse(body);
    const { slug } = metadataOf(metadata, view);
    let wish: { link: string } | { create: string };
    try {
      await requireStaff(services, user.id, "change a programme's settings");
      const parsed = parseProgrammeSettings(stateOf(view));
      if (!parsed.ok) return void (await ack({ response_action: "errors", errors: parsed.errors }));
      if (!slug) throw new Error("programme settings submitted without a programme");
      wish = parsed.value;
    } catch (err) {
      return void (await ack(failedSubmissionAnswer(err, view, "Programme settings", services.logger)));
    }
    await ack({ response_action: "clear" });
    const reply = (message: Message) => client.chat.postMessage({ channel: user.id, ...message });
    try {
      const { programmeName, result } = await changeAnnouncementChannel(services, client, user.id, { programmeSlug: slug, wish });
      await reply(notice(channelSyncNotice(programmeName, [result])));
    } catch (err) {
      await replyError(err, logger, reply);
    }
  });
}
