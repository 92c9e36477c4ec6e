import type { RespondFn } from "@slack/bolt";
import type { WebClient } from "@slack/web-api";
import type { Message } from "../views/message";

/**
 * Answers only the person who clicked: beside the message they clicked (its response_url), or,
 * for a click in a modal or the Home tab, in their direct messages with Convene.
 */
export function replyPrivately(
  input: { client: WebClient; respond: RespondFn; userId: string; responseUrl?: string },
  message: Message,
): Promise<unknown> {
  return input.responseUrl
    ? input.respond({ response_type: "ephemeral", replace_original: false, ...message })
    : input.client.chat.postMessage({ channel: input.userId, ...message });
}
