import { BLOCK_KIT_LIMITS, errorsOnly, validateMessageBlocks, type BlockKitProblem } from "./block-kit-limits";
import type { JsonObject, MessageMetadata } from "./types";

export interface MessageContent {
  text?: string;
  blocks?: unknown[];
  attachments?: unknown[];
  metadata?: MessageMetadata;
}

export type ContentCheck = { ok: true; content: MessageContent } | { ok: false; error: string; problems?: BlockKitProblem[] };

const MAX_ATTACHMENTS = 100;

/**
 * The message body rules shared by chat.postMessage, chat.postEphemeral, chat.update and
 * response_url posts: something to show, text within 40,000 characters, valid blocks, and
 * metadata shaped { event_type, event_payload }.
 */
export function checkMessageContent(source: Record<string, unknown>, options: { requireContent: boolean }): ContentCheck {
  const content: MessageContent = {};
  const text = source.text;
  if (text !== undefined && text !== null) {
    if (typeof text !== "string") return { ok: false, error: "invalid_arguments" };
    if (Array.from(text).length > BLOCK_KIT_LIMITS.messageText) return { ok: false, error: "msg_too_long" };
    content.text = text;
  }
  const blocks = source.blocks;
  if (blocks !== undefined && blocks !== null) {
    if (typeof blocks === "string") return { ok: false, error: "invalid_blocks_format" };
    const problems = errorsOnly(validateMessageBlocks(blocks));
    if (problems.length > 0) return { ok: false, error: "invalid_blocks", problems };
    content.blocks = blocks as unknown[];
  }
  const attachments = source.attachments;
  if (attachments !== undefined && attachments !== null) {
    if (!Array.isArray(attachments)) return { ok: false, error: "invalid_attachments" };
    if (attachments.length > MAX_ATTACHMENTS) return { ok: false, error: "too_many_attachments" };
    content.attachments = attachments;
  }
  const metadata = source.metadata;
  if (metadata !== undefined && metadata !== null && metadata !== "") {
    if (!isMetadata(metadata)) return { ok: false, error: "invalid_metadata_format" };
    content.metadata = { event_type: metadata.event_type, event_payload: metadata.event_payload };
  }
  const hasContent =
    (content.text !== undefined && content.text !== "") ||
    (content.blocks !== undefined && content.blocks.length > 0) ||
    (content.attachments !== undefined && content.attachments.length > 0);
  if (options.requireContent && !hasContent) return { ok: false, error: "no_text" };
  return { ok: true, content };
}

function isMetadata(value: unknown): value is { event_type: string; event_payload: JsonObject } {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const m = value as JsonObject;
  return (
    typeof m.event_type === "string" &&
    m.event_type !== "" &&
    typeof m.event_payload === "object" &&
    m.event_payload !== null &&
    !Array.isArray(m.event_payload)
  );
}
