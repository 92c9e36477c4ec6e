import type { App } from "@slack/bolt";
import { z } from "zod";
import type { Services } from "../../services/context";
import { saveOrganization } from "../../services/organization-admin-service";
import { escapeMrkdwn } from "../../views/message";
import { messageModal } from "../../views/modal-kit";
import { ORGANIZATION_MODAL_CALLBACK, parseOrganizationModal } from "../../views/organization-modal";
import { onModalSubmission } from "../modal-flow";

const metadata = z.object({ organizationId: z.string().min(1).optional() });

/** Staff save an organization; staff is checked again in the service. */
export function registerOrganizationModalSubmission(app: App, services: Services): void {
  onModalSubmission(app, services, {
    callbackId: ORGANIZATION_MODAL_CALLBACK,
    title: "Organization",
    parse: (values, view) => {
      const parsed = parseOrganizationModal(values);
      return parsed.ok
        ? {
            ok: true,
            value: { form: parsed.value, organizationId: metadata.parse(JSON.parse(view.private_metadata || "{}")).organizationId ?? null },
          }
        : parsed;
    },
    save: ({ value, slackUserId }) => saveOrganization(services, slackUserId, value),
    done: (result) =>
      messageModal(
        "Organization",
        `:white_check_mark: Saved *${escapeMrkdwn(result.name)}*. \`/convene orgs\` lists it for everyone.${result.admitted ? " Its people in Slack get a welcome with the groups open to them, and staff a checklist by DM." : ""}`,
      ),
    followUps: (result) => result.followUps,
  });
}
