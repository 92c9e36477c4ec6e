import { WebAPIPlatformError } from "@slack/web-api";
import { programmeForReview, setProposalsReopened, setReviewChannel } from "../../services/proposal-service";
import { notice } from "../../views/message";
import { proposalsWindowMessage, reviewChannelMessage } from "../../views/proposal-messages";
import type { Subcommand } from "./subcommand";

const USAGE =
  "Use `/convene proposals reopen &lt;programme&gt;` to take proposals after the deadline, `/convene proposals close &lt;programme&gt;` to stop, or `/convene proposals review-channel &lt;programme&gt;` in the channel where staff review them.";

/**
 * `/convene proposals reopen|close|review-channel <programme>` (staff): the proposal window
 * after the deadline, and where proposals are reviewed. Cards waiting for a decision are posted
 * in a new review channel by the scheduler's next tick, which paces them to Slack's limits.
 */
export const proposalsSubcommand: Subcommand = {
  name: "proposals",
  usage: "proposals reopen|close|review-channel <programme>",
  summary: "Reopen or close proposals, or review them in this channel",
  staffOnly: true,
  async run({ args, userId, channelId, client, services }) {
    const [action = "", slug = ""] = args.split(/\s+/);
    if (!slug || !["reopen", "close", "review-channel"].includes(action)) return notice(USAGE);
    if (action !== "review-channel") {
      const { programme, window } = await setProposalsReopened(services, {
        programmeSlug: slug,
        actorSlackId: userId,
        reopened: action === "reopen",
      });
      return proposalsWindowMessage({
        programmeName: programme.name,
        reopened: programme.proposalsReopened,
        open: window.open,
        dueAt: window.open ? window.dueAt : window.closedAt,
        timezone: programme.timezone,
      });
    }
    const { name: programmeName } = await programmeForReview(services, { programmeSlug: slug, actorSlackId: userId });
    try {
      // Also proves Convene can post here before anything is saved.
      await client.chat.postMessage({ channel: channelId, ...reviewChannelMessage({ programmeName, actorSlackId: userId }) });
    } catch (err) {
      if (!(err instanceof WebAPIPlatformError)) throw err;
      return notice(
        `:warning: Convene cannot post in this channel (${err.data.error}). Invite it with \`/invite @Convene\`, then run the command again.`,
      );
    }
    const { posted } = await setReviewChannel(services, { programmeSlug: slug, actorSlackId: userId, channelId });
    return notice(
      posted
        ? `:inbox_tray: ${posted} proposal${posted === 1 ? "" : "s"} waiting for a decision will be posted here within a minute.`
        : "Proposals will be posted here as they arrive.",
    );
  },
};
