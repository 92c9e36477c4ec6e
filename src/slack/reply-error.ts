import type { Logger } from "@slack/bolt";
import { UserError } from "../errors";
import { notice, type Message } from "../views/message";

/**
 * Expected errors become the person's answer; anything else is logged and answered with an
 * apology that invites a retry (e.g. the database is briefly unavailable), never a stack trace.
 */
export async function replyError(err: unknown, logger: Logger, reply: (message: Message) => Promise<unknown>): Promise<void> {
  if (err instanceof UserError) {
    await reply(notice(err.message));
    return;
  }
  logger.error(err);
  await reply(notice(":warning: Convene could not finish that just now. Please try again in a minute."));
}
