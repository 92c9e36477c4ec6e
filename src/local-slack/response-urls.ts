import { randomHex } from "./ids";
import { checkMessageContent } from "./message-content";
import { formatProblem } from "./block-kit-limits";
import type { JsonObject, ResponseUrlRecord } from "./types";
import { withBlockIds, type WorkspaceState } from "./workspace-state";

// Slack documents response_url as usable up to 5 times within 30 minutes. The error bodies for
// misuse are not documented; ours answer 404 used_url / expired_url and 400 for bad content, so an
// app that posts bad blocks sees its HTTP client fail just as it would against Slack.
export const RESPONSE_URL_MAX_USES = 5;
export const RESPONSE_URL_TTL_MS = 30 * 60 * 1000;

export function createResponseUrl(
  state: WorkspaceState,
  baseUrl: string,
  init: { channelId: string; userId: string; messageTs?: string; isEphemeral?: boolean; source: string },
): ResponseUrlRecord {
  const id = `${state.team.id}-${randomHex(8)}`;
  const record: ResponseUrlRecord = {
    id,
    url: `${baseUrl}response-url/${id}`,
    channelId: init.channelId,
    userId: init.userId,
    messageTs: init.messageTs,
    isEphemeral: init.isEphemeral ?? false,
    createdAt: state.clock(),
    uses: 0,
    source: init.source,
  };
  state.responseUrls.set(id, record);
  return record;
}

export interface ResponseUrlAnswer {
  status: number;
  body: JsonObject;
}

/** Applies a POST to a response_url: ephemeral reply, in_channel post, replace_original or delete_original. */
export function handleResponseUrlPost(state: WorkspaceState, id: string, payload: unknown): ResponseUrlAnswer {
  const answer = apply(state, id, payload);
  state.responseUrlPosts.push({ responseUrlId: id, body: payload, at: state.clock(), status: answer.status, result: answer.body });
  return answer;
}

function apply(state: WorkspaceState, id: string, payload: unknown): ResponseUrlAnswer {
  const record = state.responseUrls.get(id);
  if (record === undefined) return { status: 404, body: { ok: false, error: "invalid_url" } };
  if (state.clock() - record.createdAt > RESPONSE_URL_TTL_MS) return { status: 404, body: { ok: false, error: "expired_url" } };
  if (record.uses >= RESPONSE_URL_MAX_USES) return { status: 404, body: { ok: false, error: "used_url" } };
  if (typeof payload !== "object" || payload === null || Array.isArray(payload)) {
    return { status: 400, body: { ok: false, error: "invalid_payload" } };
  }
  const body = payload as JsonObject;
  const original = record.messageTs === undefined || record.isEphemeral ? undefined : state.findMessage(record.channelId, record.messageTs);
  // From a click in an ephemeral message, replace_original and delete_original act on that message.
  const ephemeral = record.isEphemeral ? state.ephemerals.find((e) => e.ts === record.messageTs && e.user === record.userId) : undefined;

  if (body.delete_original === true || body.delete_original === "true") {
    if (ephemeral !== undefined) {
      record.uses += 1;
      state.ephemerals.splice(state.ephemerals.indexOf(ephemeral), 1);
      return { status: 200, body: { ok: true } };
    }
    if (original === undefined) return { status: 404, body: { ok: false, error: "message_not_found" } };
    record.uses += 1;
    original.deleted = true;
    return { status: 200, body: { ok: true } };
  }

  const check = checkMessageContent(body, { requireContent: true });
  if (!check.ok) {
    const extra = check.problems === undefined ? {} : { response_metadata: { messages: check.problems.map(formatProblem) } };
    return { status: 400, body: { ok: false, error: check.error, ...extra } };
  }
  // Only posts Slack accepts count towards the limit.
  record.uses += 1;

  if (body.replace_original === true || body.replace_original === "true") {
    if (ephemeral !== undefined) {
      ephemeral.text = check.content.text;
      ephemeral.blocks = check.content.blocks && withBlockIds(check.content.blocks);
      return { status: 200, body: { ok: true } };
    }
    if (original === undefined) return { status: 404, body: { ok: false, error: "message_not_found" } };
    state.replaceMessage(original, check.content, state.bot.userId);
    return { status: 200, body: { ok: true } };
  }

  const threadTs = typeof body.thread_ts === "string" ? body.thread_ts : undefined;
  if (body.response_type === "in_channel") {
    state.addMessage(record.channelId, { ...check.content, thread_ts: threadTs, user: state.bot.userId, bot: true, via: "response_url" });
  } else {
    state.ephemerals.push({
      channel: record.channelId,
      user: record.userId,
      ts: state.nextTs(),
      text: check.content.text,
      blocks: check.content.blocks && withBlockIds(check.content.blocks),
      thread_ts: threadTs,
      via: "response_url",
    });
  }
  return { status: 200, body: { ok: true } };
}
