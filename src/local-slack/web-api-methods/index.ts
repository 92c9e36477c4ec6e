import { CHAT_METHODS } from "./chat-methods";
import { CONVERSATION_METHODS } from "./conversation-methods";
import type { MethodHandler } from "./method-context";
import { USER_AND_AUTH_METHODS } from "./user-and-auth-methods";
import { VIEW_METHODS } from "./view-methods";

export type { MethodContext, MethodHandler, MethodOptions } from "./method-context";
export { channelNameError } from "./conversation-methods";
export { createViewRecord, replaceViewContent, MODAL_STACK_LIMIT } from "./view-methods";
export { ALT_TEXT_MAX, fileMethods, fileType, filePath, receiveUpload } from "./file-methods";

/** Every Web API method the emulator answers; anything else is unknown_method. */
export const WEB_API_METHODS: Record<string, MethodHandler> = {
  ...USER_AND_AUTH_METHODS,
  ...CHAT_METHODS,
  ...CONVERSATION_METHODS,
  ...VIEW_METHODS,
};

/** Arguments that travel as JSON-encoded strings in form bodies. */
export const JSON_ARGUMENTS = new Set(["blocks", "attachments", "view", "metadata", "files"]);
