import type { App } from "@slack/bolt";
import { z } from "zod";
import type { Services } from "../../services/context";
import { publishHome, type ReminderChoice, setReminderChoice } from "../../services/home-service";
import { isStaff } from "../../services/people-service";
import { forbidden } from "../../errors";
import { HOME_DM_REMINDERS, HOME_OPEN_ADMIN, HOME_REMINDERS, HOME_RESET_FEED, HOME_SNOOZE } from "../../views/home-view";
import { resetPersonalFeed } from "../../services/calendar-service";
import { showAdminMenu } from "../admin-modals";
import { readerOf } from "../reader";
import { replyError } from "../reply-error";
import { replyPrivately } from "../reply-privately";

const click = z.object({
  user: z.object({ id: z.string().min(1) }),
  trigger_id: z.string().min(1),
  actions: z.array(z.object({ value: z.string() })).length(1),
});

/** Each reminder button's value, and the setting it asks for. */
const CHOICES: Record<string, Record<string, ReminderChoice>> = {
  [HOME_DM_REMINDERS]: { on: "dm_on", off: "dm_off" },
  [HOME_SNOOZE]: { week: "snooze_week", resume: "resume" },
  [HOME_REMINDERS]: { off: "off", on: "on" },
};

/**
 * The Home tab's own buttons: a person's reminder settings and calendar link (their own only), and
 * staff's way into the admin menu.
 */
export function registerHomeButtons(app: App, services: Services): void {
  for (const [actionId, choices] of Object.entries(CHOICES)) {
    app.action(actionId, async ({ ack, body, client, respond, logger }) => {
      await ack();
      const { user, actions } = click.parse(body);
      try {
        const choice = z.enum(Object.keys(choices) as [string, ...string[]]).parse(actions[0]!.value);
        const reader = await readerOf(services, client, user.id);
        await setReminderChoice(services, reader.person.id, choices[choice]!);
        await publishHome(services, client, user.id);
      } catch (err) {
        await replyError(err, logger, (message) => replyPrivately({ client, respond, userId: user.id }, message));
      }
    });
  }

  // Whoever clicks resets their own link: the person is the clicker, never a value in the payload.
  app.action(HOME_RESET_FEED, async ({ ack, body, client, respond, logger }) => {
    await ack();
    const { user } = click.parse(body);
    try {
      const reader = await readerOf(services, client, user.id);
      await resetPersonalFeed(services, reader.person.id);
      await publishHome(services, client, user.id);
    } catch (err) {
      await replyError(err, logger, (message) => replyPrivately({ client, respond, userId: user.id }, message));
    }
  });

  app.action(HOME_OPEN_ADMIN, async ({ ack, body, client, respond, logger }) => {
    await ack();
    const { user, trigger_id } = click.parse(body);
    try {
      // The button shows to staff only; a forged click from anyone else gets the refusal.
      if (!(await isStaff(services, user.id))) throw forbidden("use Convene's admin");
      const reader = await readerOf(services, client, user.id);
      await showAdminMenu(services, client, { triggerId: trigger_id, userId: user.id, push: false }, reader.zone);
    } catch (err) {
      await replyError(err, logger, (message) => replyPrivately({ client, respond, userId: user.id }, message));
    }
  });
}
