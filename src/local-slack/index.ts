export { LocalSlack, type LocalSlackOptions, type PostedMessage, type ViewSnapshot } from "./local-slack";
export type {
  ButtonInput,
  CommandInput,
  CommandResult,
  EventOptions,
  EventResult,
  InteractionResult,
  SelectInput,
  SubmitInput,
  SubmitResult,
  SurfaceSelector,
} from "./app-driver";
export { ManualClock, systemClock, type Clock } from "./clock";
export { signSlackRequest, type SlackSignatureHeaders } from "./signing";
export { postToApp, APP_RESPONSE_DEADLINE_MS, type PostToAppOptions } from "./app-requests";
export {
  BLOCK_KIT_LIMITS,
  errorsOnly,
  formatProblem,
  validateMessageBlocks,
  validateView,
  type BlockKitProblem,
  type BlockKitSurface,
} from "./block-kit-limits";
export {
  DEFAULT_RATE_LIMITS,
  METHOD_TIERS,
  minimumDurationMs,
  type PlannedCall,
  type RateLimitConfig,
  type RateLimitSettings,
  type RateLimitStats,
  type Tier,
} from "./rate-limits";
export { TRIGGER_TTL_MS } from "./trigger-ids";
export { RESPONSE_URL_MAX_USES, RESPONSE_URL_TTL_MS } from "./response-urls";
export { channelNameError, WEB_API_METHODS } from "./web-api-methods";
export { stateValueFor } from "./view-state";
export * from "./payloads";
export type {
  AppResponse,
  CallRecord,
  ChannelRecord,
  EphemeralRecord,
  Fault,
  MessageMetadata,
  ResponseUrlPost,
  UserRecord,
} from "./types";
