import { type Logger as BoltLogger, LogLevel } from "@slack/bolt";
import pino from "pino";

export type Logger = pino.Logger;

// Scrubbed from every line at every level, whatever logged it: Slack's token shapes (also when
// the configured secrets are not known, e.g. a token echoed in an error), a database URL's
// password, request signatures, calendar feed tokens (the path is the secret), and email addresses.
const SCRUBS: [RegExp, string][] = [
  [/xox[abposr]-[A-Za-z0-9-]+/g, "[redacted]"],
  [/xapp-[A-Za-z0-9-]+/g, "[redacted]"],
  [/(postgres(?:ql)?:\/\/[^:/@\s]+:)[^@\s]+@/g, "$1[redacted]@"],
  [/v0=[0-9a-f]{64}/g, "v0=[redacted]"],
  [/(\/calendar\/)[^\s"'\\?#]+/g, "$1[redacted]"],
  [/("calendarToken\\?"\s*:\s*\\?")[A-Za-z0-9_-]+/g, "$1[redacted]"],
  [/[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g, "[email]"],
];

export function scrub(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const s of secrets) if (s) out = out.split(s).join("[redacted]");
  for (const [pattern, replacement] of SCRUBS) out = out.replace(pattern, replacement);
  return out;
}

// What Bolt and the Web API client log at debug level (request and response bodies, acks) is
// Slack's JSON, full of names, typed text and profiles. Only these keys' values are kept: ids and
// flags that say what happened to what, never who or what anyone wrote. Anything else is redacted.
const SAFE_KEYS = new Set([
  "ok",
  "error",
  "errors",
  "warning",
  "needed",
  "provided",
  "type",
  "subtype",
  "id",
  "ids",
  "channel",
  "channel_id",
  "user",
  "user_id",
  "users",
  "team",
  "team_id",
  "api_app_id",
  "app_id",
  "bot_id",
  "is_bot",
  "deleted",
  "is_archived",
  "is_private",
  "is_member",
  "ts",
  "thread_ts",
  "message_ts",
  "event_ts",
  "action_ts",
  "event_id",
  "event_time",
  "view_id",
  "root_view_id",
  "previous_view_id",
  "external_id",
  "hash",
  "callback_id",
  "action_id",
  "block_id",
  "trigger_id",
  "response_action",
  "response_type",
  "replace_original",
  "delete_original",
  "next_cursor",
  "cursor",
  "limit",
  "retry_after",
  "event_type",
  "delivery_id",
  "tz",
  "tz_offset",
  "has_more",
  "tab",
  "command",
]);

export function redactSlackJson(value: unknown, key?: string): unknown {
  if (Array.isArray(value)) return value.map((v) => redactSlackJson(v, key));
  if (value !== null && typeof value === "object")
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactSlackJson(v, k)]));
  if (value === null || typeof value === "boolean" || (key !== undefined && SAFE_KEYS.has(key))) return value;
  return "[redacted]";
}

/** A log message from Bolt or the Web API client, with any JSON it carries redacted. */
function redactMessage(message: string): string {
  const start = message.search(/[{[]/);
  if (start < 0) return message;
  const end = Math.max(message.lastIndexOf("}"), message.lastIndexOf("]"));
  try {
    const parsed: unknown = JSON.parse(message.slice(start, end + 1));
    return `${message.slice(0, start)}${JSON.stringify(redactSlackJson(parsed))}${message.slice(end + 1)}`;
  } catch {
    return message;
  }
}

/** Structured JSON logs; secrets are redacted by key and scrubbed by value from every line. */
export function createLogger(opts: { level: string; secrets?: readonly string[]; destination?: pino.DestinationStream }): Logger {
  const secrets = opts.secrets ?? [];
  return pino(
    {
      level: opts.level,
      base: { app: "convene" },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: {
        paths: [
          "token",
          "*.token",
          "authorization",
          "*.authorization",
          "headers.authorization",
          "signingSecret",
          "*.signingSecret",
          "password",
        ],
        censor: "[redacted]",
      },
      hooks: {
        streamWrite: (line) => scrub(line, secrets),
      },
    },
    opts.destination ?? pino.destination(1),
  );
}

const boltLevels: Record<LogLevel, string> = {
  [LogLevel.DEBUG]: "debug",
  [LogLevel.INFO]: "info",
  [LogLevel.WARN]: "warn",
  [LogLevel.ERROR]: "error",
};

/** Bolt and the Web API client log through this, so their lines are JSON and scrubbed too. */
export function boltLogger(base: Logger, name = "bolt"): BoltLogger {
  let log = base.child({ component: name });
  const text = (msg: unknown[]) =>
    msg
      .map((m) =>
        m instanceof Error ? (m.stack ?? m.message) : typeof m === "string" ? redactMessage(m) : JSON.stringify(redactSlackJson(m)),
      )
      .join(" ");
  return {
    // Bolt and the Web API client log whole payloads at debug: redacted only when written.
    debug: (...msg) => log.isLevelEnabled("debug") && log.debug(text(msg)),
    info: (...msg) => log.isLevelEnabled("info") && log.info(text(msg)),
    warn: (...msg) => log.isLevelEnabled("warn") && log.warn(text(msg)),
    error: (...msg) => log.error(text(msg)),
    setLevel: (level) => {
      log.level = boltLevels[level];
    },
    getLevel: () => (Object.entries(boltLevels).find(([, v]) => v === log.level)?.[0] as LogLevel) ?? LogLevel.INFO,
    setName: (n) => {
      log = base.child({ component: n });
    },
  };
}
