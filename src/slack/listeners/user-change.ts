import type { App } from "@slack/bolt";
import { z } from "zod";
import { accountChanged } from "../../services/account-service";
import type { Services } from "../../services/context";
import { followUpDeps, sendFollowUps } from "../../outbox/follow-ups";

const userChange = z.object({ user: z.object({ id: z.string().min(1) }) });

/**
 * Slack's user_change: a profile edited or an account deactivated. Convene reads the person again,
 * and a deactivated account's seats go to the waitlist.
 */
export function registerUserChange(app: App, services: Services): void {
  app.event("user_change", async ({ event, client }) => {
    const { user } = userChange.parse(event);
    const ids = await accountChanged(services, client, user.id);
    if (ids.length) await sendFollowUps(followUpDeps(services, client), ids);
  });
}
