import type { App } from "@slack/bolt";
import { z } from "zod";
import type { Services } from "../../services/context";
import { savePerson } from "../../services/person-admin-service";
import { messageModal } from "../../views/modal-kit";
import { parsePersonModal, PERSON_MODAL_CALLBACK } from "../../views/person-modal";
import { personSavedText } from "../../views/person-messages";
import { onModalSubmission } from "../modal-flow";

const personId = z.string().regex(/^[UW][A-Z0-9]+$/);

/** Staff save a person's standing (confirmed organization, staff); staff is checked again in the service. */
export function registerPersonModalSubmission(app: App, services: Services): void {
  onModalSubmission(app, services, {
    callbackId: PERSON_MODAL_CALLBACK,
    title: "Person",
    parse: (values, view) => {
      const parsed = parsePersonModal(values);
      return parsed.ok ? { ok: true, value: { ...parsed.value, slackUserId: personId.parse(view.private_metadata) } } : parsed;
    },
    save: ({ value, slackUserId, client }) => savePerson(services, client, slackUserId, value.slackUserId, value),
    done: (result) => messageModal("Person", personSavedText(result.name)),
    followUps: (result) => result.followUps,
  });
}
