import type { App } from "@slack/bolt";
import { z } from "zod";
import type { Services } from "../../services/context";
import { listTopics, upvoteTopic } from "../../services/submission-service";
import type { Message } from "../../views/message";
import { TOPIC_UPVOTE_PATTERN, topicsMessage } from "../../views/topics-message";
import { replyError } from "../reply-error";

const click = z.object({
  user: z.object({ id: z.string().min(1) }),
  response_url: z.string().optional(),
  actions: z.array(z.object({ value: z.string().min(1) })).length(1),
});

/** Upvote on `/convene topics`: counted once per person, then the list is shown again with the new counts. */
export function registerTopicUpvoteAction(app: App, services: Services): void {
  app.action(TOPIC_UPVOTE_PATTERN, async ({ ack, body, client, respond, logger }) => {
    await ack();
    const { user, response_url, actions } = click.parse(body);
    const tell = (m: Message) =>
      response_url
        ? respond({ response_type: "ephemeral", replace_original: false, ...m })
        : client.chat.postMessage({ channel: user.id, ...m });
    try {
      await upvoteTopic(services, client, { slackUserId: user.id, submissionId: actions[0]!.value });
      const list = await listTopics(services, client, user.id);
      if (response_url) await respond({ replace_original: true, ...topicsMessage(list.topics, list) });
    } catch (err) {
      await replyError(err, logger, tell);
    }
  });
}
