import type { App } from "@slack/bolt";
import { z } from "zod";
import type { Services } from "../../services/context";
import { ACTIONS } from "../../views/actions";
import { openSignup } from "../open-signup";

const click = z.object({
  user: z.object({ id: z.string().min(1) }),
  trigger_id: z.string().min(1),
  actions: z.array(z.object({ value: z.string().min(1) })).length(1),
});

const picked = z.object({
  user: z.object({ id: z.string().min(1) }),
  trigger_id: z.string().min(1),
  actions: z.array(z.object({ selected_option: z.object({ value: z.string().min(1) }) })).length(1),
});

/** A Join button (a group's details, the groups list, App Home, a withdrawal message): the sign-up modal for that group. */
export function registerJoinGroupAction(app: App, services: Services): void {
  app.action(ACTIONS.joinGroup, async ({ ack, body, client }) => {
    await ack();
    const { user, trigger_id, actions } = click.parse(body);
    await openSignup(services, client, { triggerId: trigger_id, slackUserId: user.id, groupId: actions[0]!.value });
  });

  // A group chosen from a menu of several (a new member organization's welcome).
  app.action(ACTIONS.joinGroupPicked, async ({ ack, body, client }) => {
    await ack();
    const { user, trigger_id, actions } = picked.parse(body);
    await openSignup(services, client, { triggerId: trigger_id, slackUserId: user.id, groupId: actions[0]!.selected_option.value });
  });
}
