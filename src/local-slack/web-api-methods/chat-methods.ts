import { checkMessageContent, type ContentCheck } from "../message-content";
import type { ChannelRecord, JsonObject, MessageRecord } from "../types";
import { withBlockIds } from "../workspace-state";
import { fail, invalidBlocks, missingField, ok, str, type MethodContext, type MethodHandler } from "./method-context";

function contentError(check: Extract<ContentCheck, { ok: false }>): JsonObject {
  return check.error === "invalid_blocks" ? invalidBlocks(check.problems ?? []) : fail(check.error);
}

/** Resolves `channel` for posting: unknown or hidden → channel_not_found, then archive and membership. */
function postableChannel(ctx: MethodContext): ChannelRecord | JsonObject {
  const { state } = ctx;
  const channelArg = str(ctx.args, "channel");
  if (channelArg === undefined || channelArg === "") return fail("channel_not_found");
  const channel = state.resolveConversation(channelArg);
  if (channel === undefined || !state.visibleToBot(channel)) return fail("channel_not_found");
  if (channel.isArchived) return fail("is_archived");
  const publicAllowed = ctx.options.chatWritePublic && !channel.isPrivate;
  if (!state.botIsMember(channel) && !publicAllowed) return fail("not_in_channel");
  return channel;
}

function isChannel(value: ChannelRecord | JsonObject): value is ChannelRecord {
  return (value as ChannelRecord).members instanceof Set;
}

/** For update/delete/permalink, which address an existing message by conversation id. */
function existingChannel(ctx: MethodContext): ChannelRecord | JsonObject {
  const channelArg = str(ctx.args, "channel");
  if (channelArg === undefined || channelArg === "") return fail("channel_not_found");
  const channel = ctx.state.findChannel(channelArg);
  if (channel === undefined || !ctx.state.visibleToBot(channel)) return fail("channel_not_found");
  return channel;
}

const postMessage: MethodHandler = (ctx) => {
  const { state } = ctx;
  const channel = postableChannel(ctx);
  if (!isChannel(channel)) return channel;
  const check = checkMessageContent(ctx.args, { requireContent: true });
  if (!check.ok) return contentError(check);
  const threadTs = str(ctx.args, "thread_ts");
  const message = state.addMessage(channel.id, {
    ...check.content,
    thread_ts: threadTs === "" ? undefined : threadTs,
    reply_broadcast: ctx.args.reply_broadcast === true || ctx.args.reply_broadcast === "true",
    user: state.bot.userId,
    bot: true,
    via: "chat.postMessage",
  });
  return ok({ channel: channel.id, ts: message.ts, message: state.renderMessage(message, { includeMetadata: true }) });
};

const postEphemeral: MethodHandler = (ctx) => {
  const { state } = ctx;
  const channel = postableChannel(ctx);
  if (!isChannel(channel)) return channel;
  const userId = str(ctx.args, "user");
  if (userId === undefined || userId === "") return missingField("user");
  const user = state.users.get(userId);
  if (user === undefined || user.deleted) return fail("user_not_found");
  if (!channel.members.has(userId)) return fail("user_not_in_channel");
  const check = checkMessageContent(ctx.args, { requireContent: true });
  if (!check.ok) return contentError(check);
  const ts = state.nextTs();
  state.ephemerals.push({
    channel: channel.id,
    user: userId,
    ts,
    text: check.content.text,
    blocks: check.content.blocks && withBlockIds(check.content.blocks),
    thread_ts: str(ctx.args, "thread_ts"),
    via: "chat.postEphemeral",
  });
  return ok({ message_ts: ts });
};

type OwnMessage = { channel: ChannelRecord; message: MessageRecord };

const isOwnMessage = (value: OwnMessage | JsonObject): value is OwnMessage =>
  "message" in value && isChannel((value as OwnMessage).channel);

/** The app's own message that `channel` and `ts` name, for update and delete; else Slack's refusal. */
function ownMessage(ctx: MethodContext, refusal: "cant_update_message" | "cant_delete_message"): OwnMessage | JsonObject {
  const channel = existingChannel(ctx);
  if (!isChannel(channel)) return channel;
  const ts = str(ctx.args, "ts");
  const message = ts === undefined ? undefined : ctx.state.findMessage(channel.id, ts);
  if (message === undefined) return fail("message_not_found");
  if (message.user !== ctx.state.bot.userId) return fail(refusal);
  return { channel, message };
}

const update: MethodHandler = (ctx) => {
  const { state } = ctx;
  const found = ownMessage(ctx, "cant_update_message");
  if (!isOwnMessage(found)) return found;
  const { channel, message } = found;
  if (channel.isArchived) return fail("is_archived");
  const check = checkMessageContent(ctx.args, { requireContent: true });
  if (!check.ok) return contentError(check);
  // chat.update keeps blocks/attachments the call leaves out; an empty array removes them.
  const next = {
    text: check.content.text ?? message.text,
    blocks: ctx.args.blocks === undefined ? message.blocks : check.content.blocks,
    attachments: ctx.args.attachments === undefined ? message.attachments : check.content.attachments,
    metadata: check.content.metadata,
  };
  state.replaceMessage(message, next, state.bot.userId);
  return ok({
    channel: channel.id,
    ts: message.ts,
    text: message.text ?? "",
    message: state.renderMessage(message, { includeMetadata: true }),
  });
};

const remove: MethodHandler = (ctx) => {
  const found = ownMessage(ctx, "cant_delete_message");
  if (!isOwnMessage(found)) return found;
  const { channel, message } = found;
  message.deleted = true;
  return ok({ channel: channel.id, ts: message.ts });
};

const getPermalink: MethodHandler = (ctx) => {
  const { state } = ctx;
  const channel = existingChannel(ctx);
  if (!isChannel(channel)) return channel;
  const ts = str(ctx.args, "message_ts");
  const message = ts === undefined ? undefined : state.findMessage(channel.id, ts);
  if (message === undefined) return fail("message_not_found");
  return ok({ channel: channel.id, permalink: state.permalink(channel.id, message) });
};

export const CHAT_METHODS: Record<string, MethodHandler> = {
  "chat.postMessage": postMessage,
  "chat.postEphemeral": postEphemeral,
  "chat.update": update,
  "chat.delete": remove,
  "chat.getPermalink": getPermalink,
};
