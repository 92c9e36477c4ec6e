// Shared record shapes. Records are the emulator's own state; the JSON Slack returns is rendered
// from them (see workspace-state.ts) so that state and wire format can evolve separately.

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: unknown };

export interface UserRecord {
  id: string;
  name: string;
  realName: string;
  displayName: string;
  tz: string;
  email?: string;
  /** Another workspace's team (Slack Connect); absent for this workspace's own people. */
  teamId?: string;
  /** Slack marks someone from another organization who shares no channel with the workspace. */
  isStranger?: boolean;
  isAdmin: boolean;
  isOwner: boolean;
  isBot: boolean;
  deleted: boolean;
}

export interface ChannelRecord {
  id: string;
  name: string;
  isPrivate: boolean;
  isArchived: boolean;
  /** Direct message with `imUser`; not listed by conversations.list unless types includes im. */
  isIm: boolean;
  imUser?: string;
  members: Set<string>;
  created: number;
  creator: string;
  topic: { value: string; creator: string; last_set: number };
  purpose: { value: string; creator: string; last_set: number };
  previousNames: string[];
  pins: string[];
  /**
   * Who joined after the channel was made, and when (a ts), as Slack shows "joined #channel" lines;
   * `addedBy` when someone else (conversations.invite) added them. Kept beside the messages, not
   * among them, so conversations.history reads as it always has.
   */
  joins: { userId: string; ts: string; addedBy?: string }[];
}

export interface MessageVersion {
  text?: string;
  blocks?: unknown[];
  attachments?: unknown[];
  metadata?: MessageMetadata;
  /** Clock time (ms) at which this version was replaced. */
  replacedAt: number;
}

export interface MessageMetadata {
  event_type: string;
  event_payload: JsonObject;
}

export interface MessageRecord {
  channel: string;
  ts: string;
  text?: string;
  blocks?: unknown[];
  attachments?: unknown[];
  thread_ts?: string;
  reply_broadcast?: boolean;
  metadata?: MessageMetadata;
  /** Files shared with the message, as Slack renders them (files.completeUploadExternal). */
  files?: JsonObject[];
  /** Author: the bot user for app messages, a human for seeded ones. */
  user: string;
  bot_id?: string;
  app_id?: string;
  edited?: { user: string; ts: string };
  /** Earlier versions, oldest first (chat.update / response_url replace_original). */
  history: MessageVersion[];
  deleted: boolean;
  /** How it got here, e.g. 'chat.postMessage', 'response_url', 'seed'. */
  via: string;
}

/** A file uploaded through files.getUploadURLExternal, its bytes POSTed, then shared by files.completeUploadExternal. */
export interface FileRecord {
  id: string;
  name: string;
  title: string;
  /** The size announced to files.getUploadURLExternal; the upload must match it. */
  length: number;
  altText?: string;
  snippetType?: string;
  uploadToken: string;
  /** Set once the upload URL received exactly `length` bytes. */
  bytes?: Buffer;
  completed: boolean;
  created: number;
  user: string;
  /** Where it was shared: conversation id and the message's ts. */
  shares: { channel: string; ts: string }[];
}

export interface EphemeralRecord {
  channel: string;
  user: string;
  ts: string;
  text?: string;
  blocks?: unknown[];
  thread_ts?: string;
  via: string;
}

export interface ViewRecord {
  id: string;
  /** The user the view is shown to. */
  userId: string;
  type: "modal" | "home";
  /** The view JSON as the app sent it, with Slack's generated block_ids filled in. */
  view: JsonObject;
  externalId: string;
  hash: string;
  rootViewId: string;
  previousViewId: string | null;
  stateValues: Record<string, Record<string, JsonObject>>;
  isOpen: boolean;
  /** Earlier contents, oldest first. */
  versions: JsonObject[];
  openedVia: string;
}

export interface ResponseUrlRecord {
  id: string;
  url: string;
  channelId: string;
  userId: string;
  /** Present when the interaction came from a message (enables replace_original/delete_original). */
  messageTs?: string;
  isEphemeral: boolean;
  createdAt: number;
  uses: number;
  source: string;
}

export interface ResponseUrlPost {
  responseUrlId: string;
  body: unknown;
  at: number;
  status: number;
  result: unknown;
}

export interface CallRecord {
  method: string;
  /** Arguments as sent, with JSON-encoded fields (blocks, view, metadata, ...) decoded. */
  args: Record<string, unknown>;
  token?: string;
  contentType: string;
  at: number;
  status: number;
  response: unknown;
  headers: Record<string, string>;
  /** Set when the response came from slack.fail(). */
  injected?: boolean;
  /** Set when the response is a 429 from the rate limiter. */
  rateLimited?: boolean;
}

export type Fault =
  | { status: 429; retryAfter: number; body?: unknown }
  | { status: 500 | 502 | 503 | 504; body?: string }
  | { error: string; extra?: Record<string, unknown> }
  | { delayMs: number };

export interface AppResponse {
  status: number;
  /** Parsed JSON when the app answered JSON, otherwise the text. */
  body: unknown;
  headers: Record<string, string>;
  durationMs: number;
  /** Slack gives up after 3 seconds and shows the user an error. */
  tooSlow: boolean;
}
