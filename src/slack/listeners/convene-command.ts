import type { App } from "@slack/bolt";
import { z } from "zod";
import { closest } from "../../domain/suggest";
import { forbidden } from "../../errors";
import type { Services } from "../../services/context";
import { isStaff } from "../../services/people-service";
import { helpMessage } from "../../views/help-message";
import { CONVENE_COMMAND, subcommands } from "../commands";
import { visibleTo } from "../commands/help";
import { replyError } from "../reply-error";

const commandBody = z.object({
  command: z.literal(CONVENE_COMMAND),
  text: z.string().default(""),
  user_id: z.string().min(1),
  channel_id: z.string().min(1),
  trigger_id: z.string().min(1),
});

/** `/convene <subcommand> [args]`: routes to one subcommand and replies to the caller only. */
export function registerConveneCommand(app: App, services: Services): void {
  app.command(CONVENE_COMMAND, async ({ command, ack, respond, client, logger }) => {
    const body = commandBody.parse(command);
    const [word = "help", ...rest] = body.text.trim().split(/\s+/).filter(Boolean);
    const name = word.toLowerCase();
    try {
      const staff = await isStaff(services, body.user_id);
      const allowed = visibleTo(subcommands, staff);
      const sub = allowed.find((s) => s.name === name);
      // A staff command typed by someone else is refused plainly, not mistaken for a typo.
      if (!sub && subcommands.some((s) => s.name === name)) throw forbidden(`use \`${CONVENE_COMMAND} ${name}\``);
      if (!sub) {
        const suggestion = closest(name, allowed.map((s) => s.name));
        await ack({ response_type: "ephemeral", ...helpMessage({ command: CONVENE_COMMAND, entries: allowed, isStaff: staff, unknown: { typed: word, suggestion } }) });
        return;
      }
      const reply = await sub.run({
        args: rest.join(" "),
        userId: body.user_id,
        channelId: body.channel_id,
        triggerId: body.trigger_id,
        isStaff: staff,
        client,
        respond,
        services,
      });
      await ack(reply ? { response_type: "ephemeral", ...reply } : undefined);
    } catch (err) {
      await replyError(err, logger, (message) => ack({ response_type: "ephemeral", ...message }));
    }
  });
}
