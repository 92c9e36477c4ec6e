import { compareTs, isSlackTs } from "../ids";
import type { ChannelRecord, JsonObject, MessageRecord } from "../types";
import { bool, fail, int, list, missingField, ok, paginate, str, type MethodContext, type MethodHandler } from "./method-context";

const MAX_NAME_LENGTH = 80;
const MAX_TOPIC_LENGTH = 250;

/** Channel name rules from conversations.create: lowercase letters, numbers, hyphens, underscores, ≤ 80. */
export function channelNameError(name: string | undefined): string | undefined {
  if (name === undefined || name === "") return "invalid_name_required";
  if (Array.from(name).length > MAX_NAME_LENGTH) return "invalid_name_maxlength";
  if (!/^[\p{L}\p{N}_-]+$/u.test(name) || name !== name.toLowerCase()) return "invalid_name_specials";
  if (/^[-_]+$/.test(name)) return "invalid_name_punctuation";
  return undefined;
}

/** A conversation the bot can see (private ones only if it is a member), or the error to return. */
function visibleChannel(ctx: MethodContext): ChannelRecord | JsonObject {
  const channelArg = str(ctx.args, "channel");
  if (channelArg === undefined || channelArg === "") return fail("channel_not_found");
  const channel = ctx.state.findChannel(channelArg);
  if (channel === undefined || !ctx.state.visibleToBot(channel)) return fail("channel_not_found");
  return channel;
}

function isChannel(value: ChannelRecord | JsonObject): value is ChannelRecord {
  return (value as ChannelRecord).members instanceof Set;
}

function nameTaken(ctx: MethodContext, name: string, except?: string): boolean {
  for (const channel of ctx.state.channels.values()) {
    if (!channel.isIm && channel.name === name && channel.id !== except) return true;
  }
  return false;
}

const create: MethodHandler = (ctx) => {
  const { state } = ctx;
  const name = str(ctx.args, "name");
  const nameError = channelNameError(name);
  if (nameError !== undefined) return fail(nameError);
  if (nameTaken(ctx, name!)) return fail("name_taken");
  const channel = state.addChannel({
    name: name!,
    isPrivate: bool(ctx.args, "is_private"),
    botIsMember: true,
    creator: state.bot.userId,
  });
  return ok({ channel: state.renderChannel(channel) });
};

const info: MethodHandler = (ctx) => {
  const channel = visibleChannel(ctx);
  if (!isChannel(channel)) return channel;
  return ok({ channel: ctx.state.renderChannel(channel, { numMembers: bool(ctx.args, "include_num_members") }) });
};

const listConversations: MethodHandler = (ctx) => {
  const { state } = ctx;
  const types = new Set(list(ctx.args, "types"));
  if (types.size === 0) types.add("public_channel");
  const excludeArchived = bool(ctx.args, "exclude_archived");
  const limit = Math.min(Math.max(int(ctx.args, "limit", 100), 1), 1000);
  const matches = [...state.channels.values()].filter((channel) => {
    if (excludeArchived && channel.isArchived) return false;
    if (channel.isIm) return types.has("im") && state.botIsMember(channel);
    if (channel.isPrivate) return types.has("private_channel") && state.botIsMember(channel);
    return types.has("public_channel");
  });
  const page = paginate(matches, (c) => c.id, "team", limit, str(ctx.args, "cursor"));
  if (page === "invalid_cursor") return fail("invalid_cursor");
  return ok({
    channels: page.items.map((c) => state.renderChannel(c, { numMembers: !c.isIm })),
    response_metadata: { next_cursor: page.nextCursor },
  });
};

const join: MethodHandler = (ctx) => {
  const { state } = ctx;
  const channel = visibleChannel(ctx);
  if (!isChannel(channel)) return channel;
  if (channel.isIm) return fail("method_not_supported_for_channel_type");
  if (channel.isArchived) return fail("is_archived");
  if (state.botIsMember(channel)) {
    return ok({
      channel: state.renderChannel(channel),
      warning: "already_in_channel",
      response_metadata: { warnings: ["already_in_channel"] },
    });
  }
  state.join(channel, state.bot.userId);
  return ok({ channel: state.renderChannel(channel) });
};

/**
 * Validates every user first. Without `force`, any failure aborts the whole invite (nobody is added)
 * and the answer lists per-user errors; with `force` the valid users are added.
 */
const invite: MethodHandler = (ctx) => {
  const { state } = ctx;
  const channel = visibleChannel(ctx);
  if (!isChannel(channel)) return channel;
  if (channel.isIm) return fail("method_not_supported_for_channel_type");
  if (channel.isArchived) return fail("is_archived");
  if (!state.botIsMember(channel)) return fail("not_in_channel");
  const userIds = list(ctx.args, "users");
  if (userIds.length === 0) return fail("no_user");
  const errors: JsonObject[] = [];
  const valid: string[] = [];
  for (const userId of userIds) {
    const user = state.users.get(userId);
    let error: string | undefined;
    if (user === undefined || user.deleted) error = "user_not_found";
    else if (userId === state.bot.userId) error = "cant_invite_self";
    else if (channel.members.has(userId) || valid.includes(userId)) error = "already_in_channel";
    if (error === undefined) valid.push(userId);
    else errors.push({ user: userId, ok: false, error });
  }
  const force = bool(ctx.args, "force");
  if (errors.length > 0 && (!force || valid.length === 0)) {
    return fail(String(errors[0]!.error), { errors });
  }
  for (const userId of valid) state.join(channel, userId, state.bot.userId);
  const body: JsonObject = { channel: state.renderChannel(channel) };
  if (errors.length > 0) body.errors = errors;
  return ok(body);
};

/** Removes one person; the bot must be in the channel to do it (Slack: channels:manage / groups:write). */
const kick: MethodHandler = (ctx) => {
  const { state } = ctx;
  const channel = memberOnly(ctx);
  if (!isChannel(channel)) return channel;
  const userId = str(ctx.args, "user");
  const user = userId === undefined ? undefined : state.users.get(userId);
  if (userId === undefined || user === undefined) return fail("user_not_found");
  if (userId === state.bot.userId) return fail("cant_kick_self");
  if (channel.name === "general") return fail("cant_kick_from_general");
  if (!channel.members.has(userId)) return fail("not_in_channel");
  channel.members.delete(userId);
  return ok({});
};

function memberOnly(ctx: MethodContext): ChannelRecord | JsonObject {
  const channel = visibleChannel(ctx);
  if (!isChannel(channel)) return channel;
  if (channel.isIm) return fail("method_not_supported_for_channel_type");
  if (channel.isArchived) return fail("is_archived");
  if (!ctx.state.botIsMember(channel)) return fail("not_in_channel");
  return channel;
}

function setText(field: "topic" | "purpose"): MethodHandler {
  return (ctx) => {
    const channel = memberOnly(ctx);
    if (!isChannel(channel)) return channel;
    const value = str(ctx.args, field);
    if (value === undefined) return missingField(field);
    if (Array.from(value).length > MAX_TOPIC_LENGTH) return fail("too_long");
    channel[field] = { value, creator: ctx.state.bot.userId, last_set: ctx.state.nowSeconds() };
    return ok({ channel: ctx.state.renderChannel(channel) });
  };
}

const rename: MethodHandler = (ctx) => {
  const channel = memberOnly(ctx);
  if (!isChannel(channel)) return channel;
  const name = str(ctx.args, "name");
  const nameError = channelNameError(name);
  if (nameError !== undefined) return fail(nameError);
  if (nameTaken(ctx, name!, channel.id)) return fail("name_taken");
  if (name !== channel.name) {
    channel.previousNames.unshift(channel.name);
    channel.name = name!;
  }
  return ok({ channel: ctx.state.renderChannel(channel) });
};

const archive: MethodHandler = (ctx) => {
  const channel = visibleChannel(ctx);
  if (!isChannel(channel)) return channel;
  if (channel.isIm) return fail("method_not_supported_for_channel_type");
  if (channel.isArchived) return fail("already_archived");
  if (channel.name === "general") return fail("cant_archive_general");
  if (!ctx.state.botIsMember(channel)) return fail("not_in_channel");
  channel.isArchived = true;
  return ok();
};

const unarchive: MethodHandler = (ctx) => {
  const channel = visibleChannel(ctx);
  if (!isChannel(channel)) return channel;
  if (channel.isIm) return fail("method_not_supported_for_channel_type");
  if (!channel.isArchived) return fail("not_archived");
  channel.isArchived = false;
  return ok();
};

const members: MethodHandler = (ctx) => {
  const channel = visibleChannel(ctx);
  if (!isChannel(channel)) return channel;
  const limit = Math.min(Math.max(int(ctx.args, "limit", 100), 1), 1000);
  const page = paginate([...channel.members], (m) => m, "user", limit, str(ctx.args, "cursor"));
  if (page === "invalid_cursor") return fail("invalid_cursor");
  return ok({ members: page.items, response_metadata: { next_cursor: page.nextCursor } });
};

const open: MethodHandler = (ctx) => {
  const { state } = ctx;
  const users = list(ctx.args, "users");
  const channelArg = str(ctx.args, "channel");
  if (channelArg !== undefined) {
    const existing = state.findChannel(channelArg);
    if (existing === undefined || !existing.isIm) return fail("channel_not_found");
    return ok({ no_op: true, already_open: true, channel: { id: existing.id } });
  }
  if (users.length === 0) return fail("users_list_not_supplied");
  if (users.length > 1) return fail("method_not_supported_for_channel_type");
  const user = state.users.get(users[0]!);
  if (user === undefined || user.deleted) return fail("user_not_found");
  const before = state.channels.size;
  const im = state.openIm(user.id);
  const already = state.channels.size === before;
  const channel = bool(ctx.args, "return_im") ? state.renderChannel(im) : { id: im.id };
  return ok(already ? { no_op: true, already_open: true, channel } : { channel });
};

function readableChannel(ctx: MethodContext): ChannelRecord | JsonObject {
  const channel = visibleChannel(ctx);
  if (!isChannel(channel)) return channel;
  if (!ctx.state.botIsMember(channel)) return fail("not_in_channel");
  return channel;
}

function inRange(message: MessageRecord, oldest: string | undefined, latest: string | undefined, inclusive: boolean): boolean {
  if (oldest !== undefined) {
    const c = compareTs(message.ts, oldest);
    if (c < 0 || (c === 0 && !inclusive)) return false;
  }
  if (latest !== undefined) {
    const c = compareTs(message.ts, latest);
    if (c > 0 || (c === 0 && !inclusive)) return false;
  }
  return true;
}

const history: MethodHandler = (ctx) => {
  const { state } = ctx;
  const channel = readableChannel(ctx);
  if (!isChannel(channel)) return channel;
  const oldest = str(ctx.args, "oldest");
  const latest = str(ctx.args, "latest");
  if (oldest !== undefined && oldest !== "" && !isSlackTs(oldest)) return fail("invalid_ts_oldest");
  if (latest !== undefined && latest !== "" && !isSlackTs(latest)) return fail("invalid_ts_latest");
  const inclusive = bool(ctx.args, "inclusive");
  const limit = Math.min(Math.max(int(ctx.args, "limit", 100), 1), 999);
  const includeMetadata = bool(ctx.args, "include_all_metadata");
  // Thread replies stay in their thread unless they were broadcast to the channel.
  const topLevel = state
    .liveMessages(channel.id)
    .filter((m) => m.thread_ts === undefined || m.thread_ts === m.ts || m.reply_broadcast)
    .filter((m) => inRange(m, oldest || undefined, latest || undefined, inclusive))
    .sort((a, b) => compareTs(b.ts, a.ts));
  const page = paginate(topLevel, (m) => m.ts, "next_ts", limit, str(ctx.args, "cursor"));
  if (page === "invalid_cursor") return fail("invalid_cursor");
  const body: JsonObject = {
    messages: page.items.map((m) => state.renderMessage(m, { includeMetadata })),
    has_more: page.nextCursor !== "",
    pin_count: channel.pins.length,
    channel_actions_ts: null,
    channel_actions_count: 0,
  };
  if (latest) body.latest = latest;
  if (oldest) body.oldest = oldest;
  if (page.nextCursor !== "") body.response_metadata = { next_cursor: page.nextCursor };
  return ok(body);
};

const replies: MethodHandler = (ctx) => {
  const { state } = ctx;
  const channel = readableChannel(ctx);
  if (!isChannel(channel)) return channel;
  const ts = str(ctx.args, "ts");
  if (ts === undefined || ts === "") return missingField("ts");
  const found = state.findMessage(channel.id, ts);
  if (found === undefined) return fail("thread_not_found");
  const parentTs = found.thread_ts ?? found.ts;
  const parent = state.findMessage(channel.id, parentTs);
  const thread = [...(parent === undefined ? [] : [parent]), ...state.replies(channel.id, parentTs)]
    .filter((m) => inRange(m, str(ctx.args, "oldest") || undefined, str(ctx.args, "latest") || undefined, bool(ctx.args, "inclusive")))
    .sort((a, b) => compareTs(a.ts, b.ts));
  const limit = Math.min(Math.max(int(ctx.args, "limit", 1000), 1), 1000);
  const page = paginate(thread, (m) => m.ts, "next_ts", limit, str(ctx.args, "cursor"));
  if (page === "invalid_cursor") return fail("invalid_cursor");
  const includeMetadata = bool(ctx.args, "include_all_metadata");
  const messages = page.items.map((m) => {
    const rendered = state.renderMessage(m, { includeMetadata });
    if (m.ts !== parentTs && parent !== undefined) rendered.parent_user_id = parent.user;
    return rendered;
  });
  const body: JsonObject = { messages, has_more: page.nextCursor !== "" };
  if (page.nextCursor !== "") body.response_metadata = { next_cursor: page.nextCursor };
  return ok(body);
};

export const CONVERSATION_METHODS: Record<string, MethodHandler> = {
  "conversations.archive": archive,
  "conversations.create": create,
  "conversations.history": history,
  "conversations.info": info,
  "conversations.invite": invite,
  "conversations.join": join,
  "conversations.kick": kick,
  "conversations.list": listConversations,
  "conversations.members": members,
  "conversations.open": open,
  "conversations.rename": rename,
  "conversations.replies": replies,
  "conversations.setPurpose": setText("purpose"),
  "conversations.setTopic": setText("topic"),
  "conversations.unarchive": unarchive,
};
