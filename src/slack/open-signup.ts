import type { WebClient } from "@slack/web-api";
import type { Services } from "../services/context";
import { prepareSignup } from "../services/signup-service";
import { refusalModal } from "../views/modal-kit";
import { alreadySignedUpModal, SIGNUP_TITLE, signupModal } from "../views/signup-modal";
import { openModalWhenReady } from "./modal-flow";

/** The sign-up modal, from `/convene join` or a Join button: loading first, then the form or the reason why not. */
export function openSignup(
  services: Services,
  client: WebClient,
  input: { triggerId: string; slackUserId: string; groupId?: string },
): Promise<void> {
  return openModalWhenReady(client, {
    triggerId: input.triggerId,
    title: SIGNUP_TITLE,
    logger: services.logger,
    async build() {
      const form = await prepareSignup(services, client, { slackUserId: input.slackUserId, groupId: input.groupId });
      switch (form.kind) {
        case "form":
          return signupModal(form);
        case "refused":
          return refusalModal(SIGNUP_TITLE, form.reason);
        case "already":
          return alreadySignedUpModal(form);
      }
    },
  });
}
