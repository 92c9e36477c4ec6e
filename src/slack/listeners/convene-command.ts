import type { App } from "@slack/bolt";
import { z } from "zod";
import { closest } from "../../domain/suggest";
import { forbidden } from "../../errors";
import type { Services } from "../../services/context";
import { isStaff, isStaffForListing } from "../../services/people-service";
import { helpMessage } from "../../views/help-message";
import type { Message } from "../../views/message";
import { CONVENE_COMMAND, subcommands } from "../commands";
import { visibleTo } from "../commands/help";
import { afterAck } from "../after-ack";
import { replyError } from "../reply-error";

const commandBody = z.object({
  command: z.literal(CONVENE_COMMAND),
  // PostgreSQL text cannot hold NUL (SQLite can): dropped, so a pasted one does not fail a lookup.
  text: z
    .string()
    .default("")
    .transform((t) => t.replace(/\u0000/g, "")),
  user_id: z.string().min(1),
  channel_id: z.string().min(1),
  trigger_id: z.string().min(1),
});

/**
 * Slack gives a command 3 seconds. A subcommand that answers sooner replies in the ack itself;
 * one still working then is acknowledged empty and replies through response_url when done.
 */
const ACK_WITHIN_MS = 2000;

/** `/convene <subcommand> [args]`: routes to one subcommand and replies to the caller only. */
export function registerConveneCommand(app: App, services: Services): void {
  app.command(CONVENE_COMMAND, async ({ command, ack, respond, client, logger }) => {
    const body = commandBody.parse(command);
    const [word = "help", ...rest] = body.text.trim().split(/\s+/).filter(Boolean);
    const name = word.toLowerCase();
    let acked = false;
    const reply = async (message: Message | void) => {
      if (acked) {
        if (message) await respond({ response_type: "ephemeral", ...message });
        return;
      }
      acked = true;
      await ack(message ? { response_type: "ephemeral", ...message } : undefined);
    };
    const slow = setTimeout(() => void reply().catch((err) => logger.error(err)), ACK_WITHIN_MS);
    try {
      // Help only lists commands: its staff lookup may be a little old. Anything else checks afresh.
      const staff = await (name === "help" ? isStaffForListing(services, body.user_id, afterAck) : isStaff(services, body.user_id));
      const allowed = visibleTo(subcommands, staff);
      const sub = allowed.find((s) => s.name === name);
      // A staff command typed by someone else is refused plainly, not mistaken for a typo.
      if (!sub && subcommands.some((s) => s.name === name)) throw forbidden(`use \`${CONVENE_COMMAND} ${name}\``);
      if (!sub) {
        const suggestion = closest(
          name,
          allowed.map((s) => s.name),
        );
        await reply(helpMessage({ command: CONVENE_COMMAND, entries: allowed, isStaff: staff, unknown: { typed: word, suggestion } }));
        return;
      }
      await reply(
        await sub.run({
          args: rest.join(" "),
          userId: body.user_id,
          channelId: body.channel_id,
          triggerId: body.trigger_id,
          isStaff: staff,
          client,
          respond,
          services,
        }),
      );
    } catch (err) {
      await replyError(err, logger, reply);
    } finally {
      clearTimeout(slow);
    }
  });
}
