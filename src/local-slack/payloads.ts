// Builders for what Slack POSTs to an app's request URL. Shapes follow Slack's reference pages
// (slash commands, block_actions, view_submission/view_closed, Events API envelope) and the payload
// types in @slack/bolt; tests type-check them against Bolt's types. Pure functions, no I/O.

import type { JsonObject } from "./types";

/** Who is interacting, and in which workspace/app. */
export interface Actor {
  userId: string;
  userName: string;
  teamId: string;
  teamDomain: string;
  apiAppId: string;
  /** The deprecated verification token; Slack still sends one. */
  verificationToken?: string;
}

const DEFAULT_VERIFICATION_TOKEN = "local-slack-verification-token";

// --- encodings -------------------------------------------------------------------------------

export function formEncode(fields: Record<string, string>): string {
  return new URLSearchParams(fields).toString();
}

/** Interactive payloads arrive form-encoded as a single `payload` field holding JSON. */
export function interactionBody(payload: unknown): string {
  return formEncode({ payload: JSON.stringify(payload) });
}

// --- slash commands --------------------------------------------------------------------------

export interface SlashCommandInit {
  actor: Actor;
  command: string;
  text?: string;
  channelId: string;
  channelName: string;
  triggerId: string;
  responseUrl: string;
}

/** The form fields of a slash command (a type alias, so it is also a Record<string, string>). */
export type SlashCommandFields = {
  token: string;
  team_id: string;
  team_domain: string;
  channel_id: string;
  channel_name: string;
  user_id: string;
  user_name: string;
  command: string;
  text: string;
  api_app_id: string;
  is_enterprise_install: string;
  response_url: string;
  trigger_id: string;
};

/** The form fields of a slash command, in the order Slack sends them. */
export function slashCommandFields(init: SlashCommandInit): SlashCommandFields {
  const { actor } = init;
  return {
    token: actor.verificationToken ?? DEFAULT_VERIFICATION_TOKEN,
    team_id: actor.teamId,
    team_domain: actor.teamDomain,
    channel_id: init.channelId,
    channel_name: init.channelName,
    user_id: actor.userId,
    user_name: actor.userName,
    command: init.command,
    text: init.text ?? "",
    api_app_id: actor.apiAppId,
    is_enterprise_install: "false",
    response_url: init.responseUrl,
    trigger_id: init.triggerId,
  };
}

/**
 * A slash command's text as Slack sends it with "Escape channels, users, and links" on (Convene's
 * manifest sets `should_escape`): `@handle` of a known person becomes `<@U…|handle>` and `#name`
 * of a known channel `<#C…|name>`; anything else stays as typed, as in Slack.
 */
export function escapeCommandText(
  text: string,
  lookup: { user(handle: string): string | undefined; channel(name: string): string | undefined },
): string {
  return text.replace(/(^|\s)([@#])([a-z0-9][a-z0-9._-]*)/gi, (whole, before: string, sigil: string, name: string) => {
    const id = sigil === "@" ? lookup.user(name) : lookup.channel(name);
    return id ? `${before}<${sigil}${id}|${name}>` : whole;
  });
}

// --- interactivity ---------------------------------------------------------------------------

function userOf(actor: Actor): JsonObject {
  return { id: actor.userId, username: actor.userName, name: actor.userName, team_id: actor.teamId };
}

function teamOf(actor: Actor): JsonObject {
  return { id: actor.teamId, domain: actor.teamDomain };
}

/** The `actions[]` entry for an element, given what the user did with it. */
export function actionFor(element: JsonObject, blockId: string, actionTs: string, selection: JsonObject = {}): JsonObject {
  const action: JsonObject = {
    type: element.type,
    action_id: element.action_id,
    block_id: blockId,
    action_ts: actionTs,
  };
  if (element.type === "button") {
    action.text = element.text;
    if (element.value !== undefined) action.value = element.value;
    if (element.style !== undefined) action.style = element.style;
  }
  return { ...action, ...selection };
}

export interface BlockActionsInit {
  actor: Actor;
  actions: JsonObject[];
  triggerId: string;
  /** A rendered view when the element lives in a modal or Home tab. */
  view?: JsonObject;
  /** The rendered message plus its channel when the element lives in a message. */
  message?: { message: JsonObject; channelId: string; channelName: string; isEphemeral?: boolean };
  /** An ephemeral message the element lives in: Slack names it in the container but sends no copy. */
  ephemeral?: { ts: string; threadTs?: string; channelId: string; channelName: string };
  responseUrl?: string;
  stateValues?: Record<string, Record<string, JsonObject>>;
}

export function blockActionsPayload(init: BlockActionsInit): JsonObject {
  const { actor } = init;
  const payload: JsonObject = {
    type: "block_actions",
    user: userOf(actor),
    api_app_id: actor.apiAppId,
    token: actor.verificationToken ?? DEFAULT_VERIFICATION_TOKEN,
    trigger_id: init.triggerId,
    team: teamOf(actor),
    enterprise: null,
    is_enterprise_install: false,
  };
  if (init.view !== undefined) {
    payload.container = { type: "view", view_id: init.view.id };
    payload.view = init.view;
  } else if (init.message !== undefined) {
    const { message, channelId, channelName, isEphemeral } = init.message;
    payload.container = {
      type: "message",
      message_ts: message.ts,
      channel_id: channelId,
      is_ephemeral: isEphemeral ?? false,
      ...(message.thread_ts !== undefined ? { thread_ts: message.thread_ts } : {}),
    };
    payload.channel = { id: channelId, name: channelName };
    payload.message = message;
    payload.state = { values: init.stateValues ?? {} };
  } else if (init.ephemeral !== undefined) {
    const { ts, threadTs, channelId, channelName } = init.ephemeral;
    payload.container = {
      type: "message",
      message_ts: ts,
      channel_id: channelId,
      is_ephemeral: true,
      ...(threadTs !== undefined ? { thread_ts: threadTs } : {}),
    };
    payload.channel = { id: channelId, name: channelName };
    payload.state = { values: init.stateValues ?? {} };
  }
  if (init.responseUrl !== undefined) payload.response_url = init.responseUrl;
  payload.actions = init.actions;
  return payload;
}

export interface ViewSubmissionInit {
  actor: Actor;
  view: JsonObject;
  triggerId: string;
  responseUrls?: JsonObject[];
}

export function viewSubmissionPayload(init: ViewSubmissionInit): JsonObject {
  const { actor } = init;
  return {
    type: "view_submission",
    team: teamOf(actor),
    user: userOf(actor),
    api_app_id: actor.apiAppId,
    token: actor.verificationToken ?? DEFAULT_VERIFICATION_TOKEN,
    trigger_id: init.triggerId,
    view: init.view,
    response_urls: init.responseUrls ?? [],
    is_enterprise_install: false,
    enterprise: null,
  };
}

export function viewClosedPayload(init: { actor: Actor; view: JsonObject; isCleared?: boolean }): JsonObject {
  const { actor } = init;
  return {
    type: "view_closed",
    team: teamOf(actor),
    user: userOf(actor),
    api_app_id: actor.apiAppId,
    token: actor.verificationToken ?? DEFAULT_VERIFICATION_TOKEN,
    view: init.view,
    is_cleared: init.isCleared ?? false,
    is_enterprise_install: false,
    enterprise: null,
  };
}

// --- Events API ------------------------------------------------------------------------------

export interface EnvelopeInit {
  teamId: string;
  apiAppId: string;
  botUserId: string;
  eventId: string;
  eventTime: number;
  verificationToken?: string;
}

export function eventCallbackEnvelope(event: JsonObject, init: EnvelopeInit): JsonObject {
  return {
    token: init.verificationToken ?? DEFAULT_VERIFICATION_TOKEN,
    team_id: init.teamId,
    context_team_id: init.teamId,
    context_enterprise_id: null,
    api_app_id: init.apiAppId,
    event,
    type: "event_callback",
    event_id: init.eventId,
    event_time: init.eventTime,
    authorizations: [{ enterprise_id: null, team_id: init.teamId, user_id: init.botUserId, is_bot: true, is_enterprise_install: false }],
    is_ext_shared_channel: false,
    event_context: `4-${Buffer.from(JSON.stringify({ e: event.type, t: init.teamId })).toString("base64url")}`,
  };
}

/** The url_verification challenge Slack sends when the request URL is configured. */
export function urlVerificationBody(challenge: string, verificationToken = DEFAULT_VERIFICATION_TOKEN): JsonObject {
  return { token: verificationToken, challenge, type: "url_verification" };
}

export function appHomeOpenedEvent(init: {
  user: string;
  channel: string;
  tab?: "home" | "messages";
  view?: JsonObject;
  eventTs: string;
}): JsonObject {
  const event: JsonObject = {
    type: "app_home_opened",
    user: init.user,
    channel: init.channel,
    tab: init.tab ?? "home",
    event_ts: init.eventTs,
  };
  if (init.view !== undefined) event.view = init.view;
  return event;
}

export function memberJoinedChannelEvent(init: {
  user: string;
  channel: string;
  team: string;
  channelType?: "C" | "G";
  inviter?: string;
  eventTs: string;
}): JsonObject {
  const event: JsonObject = {
    type: "member_joined_channel",
    user: init.user,
    channel: init.channel,
    channel_type: init.channelType ?? "C",
    team: init.team,
    event_ts: init.eventTs,
  };
  if (init.inviter !== undefined) event.inviter = init.inviter;
  return event;
}

export function memberLeftChannelEvent(init: {
  user: string;
  channel: string;
  team: string;
  channelType?: "C" | "G";
  eventTs: string;
}): JsonObject {
  return {
    type: "member_left_channel",
    user: init.user,
    channel: init.channel,
    channel_type: init.channelType ?? "C",
    team: init.team,
    event_ts: init.eventTs,
  };
}

export function messageEvent(init: {
  user: string;
  channel: string;
  text: string;
  ts: string;
  team: string;
  channelType?: "channel" | "group" | "im" | "mpim";
  threadTs?: string;
}): JsonObject {
  const event: JsonObject = {
    type: "message",
    user: init.user,
    text: init.text,
    ts: init.ts,
    team: init.team,
    channel: init.channel,
    channel_type: init.channelType ?? "channel",
    event_ts: init.ts,
  };
  if (init.threadTs !== undefined) event.thread_ts = init.threadTs;
  return event;
}

export function appMentionEvent(init: {
  user: string;
  channel: string;
  text: string;
  ts: string;
  team: string;
  threadTs?: string;
}): JsonObject {
  const event: JsonObject = {
    type: "app_mention",
    user: init.user,
    text: init.text,
    ts: init.ts,
    team: init.team,
    channel: init.channel,
    event_ts: init.ts,
  };
  if (init.threadTs !== undefined) event.thread_ts = init.threadTs;
  return event;
}
