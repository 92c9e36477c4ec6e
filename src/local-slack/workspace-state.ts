import type { Clock } from "./clock";
import { compareTs, generatedBlockId, IdGenerator, randomHex, TsGenerator } from "./ids";
import type {
  ChannelRecord,
  EphemeralRecord,
  FileRecord,
  JsonObject,
  MessageMetadata,
  MessageRecord,
  ResponseUrlPost,
  ResponseUrlRecord,
  UserRecord,
  ViewRecord,
} from "./types";

export interface NewUser {
  id?: string;
  name: string;
  realName?: string;
  displayName?: string;
  /** IANA zone; Slack reports tz, tz_label and tz_offset from it. */
  tz?: string;
  email?: string;
  /**
   * Someone from another workspace, as a Slack Connect channel shows them: users.info reports
   * their own team_id (profile.team too), and usually no email.
   */
  teamId?: string;
  isStranger?: boolean;
  isAdmin?: boolean;
  isOwner?: boolean;
  isBot?: boolean;
  deleted?: boolean;
}

export interface NewChannel {
  id?: string;
  name: string;
  isPrivate?: boolean;
  isArchived?: boolean;
  members?: string[];
  /** Defaults to true for public channels and false for private ones. */
  botIsMember?: boolean;
  topic?: string;
  purpose?: string;
  creator?: string;
}

export interface NewMessage {
  text?: string;
  blocks?: unknown[];
  attachments?: unknown[];
  thread_ts?: string;
  reply_broadcast?: boolean;
  metadata?: MessageMetadata;
  files?: JsonObject[];
  user: string;
  bot?: boolean;
  via: string;
}

export const DEFAULT_TZ = "America/New_York";

/** Everything Slack "knows": people, conversations, messages, views. Methods mutate it through here. */
export class WorkspaceState {
  readonly team: { id: string; name: string; domain: string };
  readonly bot: { userId: string; botId: string; appId: string; name: string };
  readonly users = new Map<string, UserRecord>();
  readonly channels = new Map<string, ChannelRecord>();
  readonly messagesByChannel = new Map<string, MessageRecord[]>();
  readonly ephemerals: EphemeralRecord[] = [];
  readonly views = new Map<string, ViewRecord>();
  readonly modalStacks = new Map<string, string[]>();
  readonly homeViewIds = new Map<string, string>();
  readonly responseUrls = new Map<string, ResponseUrlRecord>();
  readonly files = new Map<string, FileRecord>();
  readonly responseUrlPosts: ResponseUrlPost[] = [];
  readonly ids: IdGenerator;
  private readonly tsGen = new TsGenerator();

  constructor(
    readonly clock: Clock,
    team: { id: string; name: string; domain: string },
    bot: { userId: string; botId: string; appId: string; name: string },
  ) {
    this.team = team;
    this.bot = bot;
    this.ids = new IdGenerator((id) => this.users.has(id) || this.channels.has(id) || this.views.has(id) || this.files.has(id));
    this.users.set(bot.userId, {
      id: bot.userId,
      name: bot.name,
      realName: bot.name,
      displayName: bot.name,
      tz: DEFAULT_TZ,
      isAdmin: false,
      isOwner: false,
      isBot: true,
      deleted: false,
    });
  }

  nowSeconds(): number {
    return Math.floor(this.clock() / 1000);
  }

  nextTs(): string {
    return this.tsGen.next(this.clock());
  }

  // --- people -------------------------------------------------------------------------------

  addUser(input: NewUser): UserRecord {
    const id = input.id ?? this.ids.next("U");
    if (this.users.has(id)) throw new Error(`LocalSlack: user ${id} already exists`);
    const tz = input.tz ?? DEFAULT_TZ;
    tzOffsetSeconds(tz, this.clock()); // throws RangeError for an unknown zone
    const user: UserRecord = {
      id,
      name: input.name,
      realName: input.realName ?? input.name,
      displayName: input.displayName ?? input.name,
      tz,
      email: input.email,
      ...(input.teamId !== undefined && { teamId: input.teamId }),
      ...(input.isStranger !== undefined && { isStranger: input.isStranger }),
      isAdmin: input.isAdmin ?? false,
      isOwner: input.isOwner ?? false,
      isBot: input.isBot ?? false,
      deleted: input.deleted ?? false,
    };
    this.users.set(id, user);
    return user;
  }

  renderUser(user: UserRecord): JsonObject {
    const now = this.clock();
    const profile: JsonObject = {
      real_name: user.realName,
      real_name_normalized: user.realName,
      display_name: user.displayName,
      display_name_normalized: user.displayName,
      team: user.teamId ?? this.team.id,
    };
    if (user.email !== undefined) profile.email = user.email;
    if (user.id === this.bot.userId) profile.bot_id = this.bot.botId;
    return {
      id: user.id,
      team_id: user.teamId ?? this.team.id,
      name: user.name,
      deleted: user.deleted,
      real_name: user.realName,
      tz: user.tz,
      tz_label: tzLabel(user.tz, now),
      tz_offset: tzOffsetSeconds(user.tz, now),
      profile,
      is_admin: user.isAdmin,
      is_owner: user.isOwner,
      is_primary_owner: false,
      is_restricted: false,
      is_ultra_restricted: false,
      is_bot: user.isBot,
      is_app_user: false,
      updated: this.nowSeconds(),
      ...(user.isStranger && { is_stranger: true }),
    };
  }

  // --- conversations ------------------------------------------------------------------------

  addChannel(input: NewChannel): ChannelRecord {
    const id = input.id ?? this.ids.next("C");
    if (this.channels.has(id)) throw new Error(`LocalSlack: channel ${id} already exists`);
    const isPrivate = input.isPrivate ?? false;
    const members = new Set(input.members ?? []);
    if (input.botIsMember ?? !isPrivate) members.add(this.bot.userId);
    const created = this.nowSeconds();
    const creator = input.creator ?? [...members].find((m) => m !== this.bot.userId) ?? this.bot.userId;
    const channel: ChannelRecord = {
      id,
      name: input.name,
      isPrivate,
      isArchived: input.isArchived ?? false,
      isIm: false,
      members,
      created,
      creator,
      topic: { value: input.topic ?? "", creator: input.topic ? creator : "", last_set: input.topic ? created : 0 },
      purpose: { value: input.purpose ?? "", creator: input.purpose ? creator : "", last_set: input.purpose ? created : 0 },
      previousNames: [],
      pins: [],
      joins: [],
    };
    this.channels.set(id, channel);
    return channel;
  }

  /** Adds a member and records the "joined" line Slack would show; false when they were in already. */
  join(channel: ChannelRecord, userId: string, addedBy?: string): boolean {
    if (channel.members.has(userId)) return false;
    channel.members.add(userId);
    channel.joins.push({ userId, ts: this.nextTs(), ...(addedBy !== undefined && addedBy !== userId && { addedBy }) });
    return true;
  }

  /** By id, or by name with or without "#". */
  findChannel(idOrName: string): ChannelRecord | undefined {
    const direct = this.channels.get(idOrName);
    if (direct !== undefined) return direct;
    const name = idOrName.replace(/^#/, "");
    for (const channel of this.channels.values()) if (!channel.isIm && channel.name === name) return channel;
    return undefined;
  }

  /** The bot's DM with a user, created on first use like conversations.open does. */
  openIm(userId: string): ChannelRecord {
    for (const channel of this.channels.values()) if (channel.isIm && channel.imUser === userId) return channel;
    const channel: ChannelRecord = {
      id: this.ids.next("D"),
      name: userId,
      isPrivate: true,
      isArchived: false,
      isIm: true,
      imUser: userId,
      members: new Set([userId, this.bot.userId]),
      created: this.nowSeconds(),
      creator: this.bot.userId,
      topic: { value: "", creator: "", last_set: 0 },
      purpose: { value: "", creator: "", last_set: 0 },
      previousNames: [],
      pins: [],
      joins: [],
    };
    this.channels.set(channel.id, channel);
    return channel;
  }

  /** Where chat.* methods deliver: a conversation id, a channel name, or a user id (their DM). */
  resolveConversation(channelArg: string): ChannelRecord | undefined {
    const found = this.findChannel(channelArg);
    if (found !== undefined) return found;
    const user = this.users.get(channelArg);
    if (user !== undefined && !user.deleted) return this.openIm(user.id);
    return undefined;
  }

  botIsMember(channel: ChannelRecord): boolean {
    return channel.members.has(this.bot.userId);
  }

  /** Private conversations the bot is not in do not exist as far as the bot can tell. */
  visibleToBot(channel: ChannelRecord): boolean {
    return !channel.isPrivate || this.botIsMember(channel);
  }

  renderChannel(channel: ChannelRecord, options: { numMembers?: boolean } = {}): JsonObject {
    if (channel.isIm) {
      return {
        id: channel.id,
        created: channel.created,
        is_archived: false,
        is_im: true,
        is_org_shared: false,
        context_team_id: this.team.id,
        updated: channel.created * 1000,
        user: channel.imUser ?? "",
        is_user_deleted: this.users.get(channel.imUser ?? "")?.deleted ?? false,
        priority: 0,
      };
    }
    const rendered: JsonObject = {
      id: channel.id,
      name: channel.name,
      is_channel: true,
      is_group: false,
      is_im: false,
      is_mpim: false,
      is_private: channel.isPrivate,
      created: channel.created,
      is_archived: channel.isArchived,
      is_general: channel.name === "general",
      unlinked: 0,
      name_normalized: channel.name,
      is_shared: false,
      is_org_shared: false,
      is_ext_shared: false,
      is_pending_ext_shared: false,
      pending_shared: [],
      context_team_id: this.team.id,
      updated: channel.created * 1000,
      parent_conversation: null,
      creator: channel.creator,
      shared_team_ids: [this.team.id],
      pending_connected_team_ids: [],
      is_member: this.botIsMember(channel),
      topic: { ...channel.topic },
      purpose: { ...channel.purpose },
      previous_names: [...channel.previousNames],
    };
    if (options.numMembers) rendered.num_members = channel.members.size;
    return rendered;
  }

  // --- messages -----------------------------------------------------------------------------

  addMessage(channelId: string, input: NewMessage): MessageRecord {
    const message: MessageRecord = {
      channel: channelId,
      ts: this.nextTs(),
      text: input.text,
      blocks: input.blocks === undefined ? undefined : withBlockIds(input.blocks),
      attachments: input.attachments,
      thread_ts: input.thread_ts,
      reply_broadcast: input.reply_broadcast,
      metadata: input.metadata,
      ...(input.files ? { files: input.files } : {}),
      user: input.user,
      bot_id: input.bot ? this.bot.botId : undefined,
      app_id: input.bot ? this.bot.appId : undefined,
      history: [],
      deleted: false,
      via: input.via,
    };
    let list = this.messagesByChannel.get(channelId);
    if (list === undefined) {
      list = [];
      this.messagesByChannel.set(channelId, list);
    }
    list.push(message);
    return message;
  }

  findMessage(channelId: string, ts: string): MessageRecord | undefined {
    return this.messagesByChannel.get(channelId)?.find((m) => m.ts === ts && !m.deleted);
  }

  liveMessages(channelId: string): MessageRecord[] {
    return (this.messagesByChannel.get(channelId) ?? []).filter((m) => !m.deleted);
  }

  replaceMessage(
    message: MessageRecord,
    next: { text?: string; blocks?: unknown[]; attachments?: unknown[]; metadata?: MessageMetadata },
    editor: string,
  ): void {
    message.history.push({
      text: message.text,
      blocks: message.blocks,
      attachments: message.attachments,
      metadata: message.metadata,
      replacedAt: this.clock(),
    });
    message.text = next.text;
    message.blocks = next.blocks === undefined ? undefined : withBlockIds(next.blocks);
    message.attachments = next.attachments;
    if (next.metadata !== undefined) message.metadata = next.metadata;
    message.edited = { user: editor, ts: this.nextTs() };
  }

  replies(channelId: string, parentTs: string): MessageRecord[] {
    return this.liveMessages(channelId).filter((m) => m.thread_ts === parentTs && m.ts !== parentTs);
  }

  renderMessage(message: MessageRecord, options: { includeMetadata?: boolean } = {}): JsonObject {
    const rendered: JsonObject = {
      type: "message",
      ts: message.ts,
      text: message.text ?? "",
      user: message.user,
      team: this.team.id,
    };
    if (message.bot_id !== undefined) {
      rendered.bot_id = message.bot_id;
      rendered.app_id = message.app_id;
      rendered.bot_profile = {
        id: message.bot_id,
        app_id: message.app_id,
        name: this.bot.name,
        team_id: this.team.id,
        deleted: false,
      };
    }
    if (message.blocks !== undefined) rendered.blocks = message.blocks;
    if (message.attachments !== undefined) rendered.attachments = message.attachments;
    if (message.files !== undefined) {
      rendered.files = message.files;
      rendered.upload = true;
    }
    if (message.thread_ts !== undefined) rendered.thread_ts = message.thread_ts;
    if (message.thread_ts !== undefined && message.thread_ts !== message.ts && message.reply_broadcast) {
      rendered.subtype = "thread_broadcast";
    }
    if (message.edited !== undefined) rendered.edited = { ...message.edited };
    if (options.includeMetadata && message.metadata !== undefined) rendered.metadata = message.metadata;
    const replies = this.replies(message.channel, message.ts);
    if (replies.length > 0 && (message.thread_ts === undefined || message.thread_ts === message.ts)) {
      const replyUsers = [...new Set(replies.map((r) => r.user))];
      rendered.thread_ts = message.ts;
      rendered.reply_count = replies.length;
      rendered.reply_users_count = replyUsers.length;
      rendered.latest_reply = replies.reduce((a, r) => (compareTs(r.ts, a) > 0 ? r.ts : a), replies[0]!.ts);
      rendered.reply_users = replyUsers;
      rendered.is_locked = false;
      rendered.subscribed = false;
    }
    return rendered;
  }

  permalink(channelId: string, message: MessageRecord): string {
    const base = `https://${this.team.domain}.slack.com/archives/${channelId}/p${message.ts.replace(".", "")}`;
    if (message.thread_ts !== undefined && message.thread_ts !== message.ts) {
      return `${base}?thread_ts=${message.thread_ts}&cid=${channelId}`;
    }
    return base;
  }

  // --- views --------------------------------------------------------------------------------

  newViewHash(): string {
    return `${this.nowSeconds()}.${randomHex(4)}`;
  }

  renderView(record: ViewRecord): JsonObject {
    const view = record.view;
    return {
      id: record.id,
      team_id: this.team.id,
      type: record.type,
      title: view.title ?? null,
      submit: view.submit ?? null,
      close: view.close ?? null,
      blocks: view.blocks ?? [],
      private_metadata: view.private_metadata ?? "",
      callback_id: view.callback_id ?? "",
      external_id: record.externalId,
      state: { values: record.stateValues },
      hash: record.hash,
      clear_on_close: view.clear_on_close ?? false,
      notify_on_close: view.notify_on_close ?? false,
      root_view_id: record.rootViewId,
      previous_view_id: record.previousViewId,
      app_id: this.bot.appId,
      app_installed_team_id: this.team.id,
      bot_id: this.bot.botId,
    };
  }

  modalStack(userId: string): string[] {
    let stack = this.modalStacks.get(userId);
    if (stack === undefined) {
      stack = [];
      this.modalStacks.set(userId, stack);
    }
    return stack;
  }

  findViewByExternalId(externalId: string): ViewRecord | undefined {
    for (const view of this.views.values()) if (view.externalId === externalId && externalId !== "") return view;
    return undefined;
  }

  /** Closes the top modal (or the whole stack) for a user. */
  closeModals(userId: string, all: boolean): void {
    const stack = this.modalStack(userId);
    const closing = all ? stack.splice(0) : stack.splice(-1);
    for (const id of closing) {
      const view = this.views.get(id);
      if (view !== undefined) view.isOpen = false;
    }
  }

  reset(): void {
    this.messagesByChannel.clear();
    this.ephemerals.length = 0;
    this.views.clear();
    this.modalStacks.clear();
    this.homeViewIds.clear();
    this.responseUrls.clear();
    this.files.clear();
    this.responseUrlPosts.length = 0;
    for (const channel of this.channels.values()) channel.pins = [];
  }
}

/** Slack stores blocks with a block_id, generating one when the app gave none. */
export function withBlockIds(blocks: unknown[]): unknown[] {
  return blocks.map((block) => {
    if (typeof block !== "object" || block === null || Array.isArray(block)) return block;
    const b = block as JsonObject;
    return b.block_id === undefined ? { ...b, block_id: generatedBlockId() } : { ...b };
  });
}

export function tzOffsetSeconds(tz: string, atMs: number): number {
  const part = new Intl.DateTimeFormat("en-US", { timeZone: tz, timeZoneName: "longOffset" })
    .formatToParts(new Date(atMs))
    .find((p) => p.type === "timeZoneName")?.value;
  const match = /GMT([+-])(\d{2}):(\d{2})/.exec(part ?? "");
  if (match === null) return 0;
  const seconds = Number(match[2]) * 3600 + Number(match[3]) * 60;
  return match[1] === "-" ? -seconds : seconds;
}

export function tzLabel(tz: string, atMs: number): string {
  return (
    new Intl.DateTimeFormat("en-US", { timeZone: tz, timeZoneName: "long" })
      .formatToParts(new Date(atMs))
      .find((p) => p.type === "timeZoneName")?.value ?? tz
  );
}
