import { Logger as BoltLogger, LogLevel } from "@slack/bolt";
import pino from "pino";

export type Logger = pino.Logger;

// Token shapes Slack issues, and the password part of a database URL: scrubbed from every line
// even when the configured secrets are not known (e.g. a token echoed in an error message).
const SECRET_PATTERNS = [/xox[abposr]-[A-Za-z0-9-]+/g, /xapp-[A-Za-z0-9-]+/g, /(postgres(?:ql)?:\/\/[^:/@\s]+:)[^@\s]+@/g];

export function scrub(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const s of secrets) if (s) out = out.split(s).join("[redacted]");
  out = out.replace(SECRET_PATTERNS[0]!, "[redacted]").replace(SECRET_PATTERNS[1]!, "[redacted]");
  return out.replace(SECRET_PATTERNS[2]!, "$1[redacted]@");
}

/** Structured JSON logs; secrets are redacted by key and scrubbed by value from every line. */
export function createLogger(opts: {
  level: string;
  secrets?: readonly string[];
  destination?: pino.DestinationStream;
}): Logger {
  const secrets = opts.secrets ?? [];
  return pino(
    {
      level: opts.level,
      base: { app: "convene" },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: {
        paths: ["token", "*.token", "authorization", "*.authorization", "headers.authorization", "signingSecret", "*.signingSecret", "password"],
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
  const text = (msg: unknown[]) => msg.map((m) => (m instanceof Error ? m.stack ?? m.message : typeof m === "string" ? m : JSON.stringify(m))).join(" ");
  return {
    debug: (...msg) => log.debug(text(msg)),
    info: (...msg) => log.info(text(msg)),
    warn: (...msg) => log.warn(text(msg)),
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
