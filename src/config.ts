import { IANAZone } from "luxon";
import cron from "node-cron";
import { z } from "zod";

/** Every setting Convene reads, each with the hint a person needs to fix it. Nothing else reads process.env. */
const hints = {
  SLACK_BOT_TOKEN: "the Bot User OAuth Token (xoxb-...) from OAuth & Permissions in your Slack app's settings",
  SLACK_SIGNING_SECRET: "the Signing Secret from Basic Information in your Slack app's settings",
  SLACK_APP_TOKEN: "optional: an app-level token (xapp-...) with connections:write; setting it selects Socket Mode",
  SLACK_APP_ID:
    "optional: the App ID (A...) from Basic Information; requests for any other app are refused (default: the app_id auth.test reports)",
  SLACK_API_URL: "optional: base URL of the Slack Web API, e.g. https://slack.com/api/",
  DATABASE_URL: "optional: file:./data/convene.db (embedded, the default) or postgresql://user:pass@host:5432/db",
  PORT: "optional: the HTTP port, 0-65535 (default 3000)",
  CONVENE_PUBLIC_URL: "optional: the https:// address where Slack and calendars reach Convene",
  CONVENE_ADMINS: "optional: comma-separated Slack user IDs who are staff from the first start, e.g. U012AB3CD,U045EF6GH",
  CONVENE_TIMEZONE: "optional: the coalition's IANA time zone, e.g. America/New_York",
  CONVENE_TICK: 'optional: cron expression for the reminder scheduler (default every minute), or "off"',
  METRICS_PORT: "optional: a port of its own for /metrics, 0-65535, which a firewall can keep private (default: served on PORT)",
  METRICS_TOKEN: "optional: a secret of at least 16 characters; /metrics then answers only Authorization: Bearer <token>",
  LOG_LEVEL: "optional: one of fatal, error, warn, info, debug, trace, silent",
  CONVENE_SANDBOX:
    'optional: "off" to stop at start-up when no Slack credentials are set, instead of running the sandbox; "auto" (the default) runs it',
  SANDBOX_PORT: "optional: the sandbox page's port on 127.0.0.1, 0-65535 (default PORT, else 3000)",
} as const;

type Key = keyof typeof hints;

const blankIsUnset = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
const setting = <T extends z.ZodType>(schema: T) => z.preprocess(blankIsUnset, schema);

const slackUserId = /^[UW][A-Z0-9]{2,}$/;
const port = z.coerce.number().int().min(0).max(65535);
const logLevel = z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]);

export const configSchema = z.object({
  SLACK_BOT_TOKEN: setting(z.string().regex(/^xoxb-/, "must be a bot token starting with xoxb-")),
  SLACK_SIGNING_SECRET: setting(z.string().min(8, "looks too short for a signing secret")),
  SLACK_APP_TOKEN: setting(
    z
      .string()
      .regex(/^xapp-/, "must be an app-level token starting with xapp-")
      .optional(),
  ),
  SLACK_APP_ID: setting(
    z
      .string()
      .regex(/^A[A-Z0-9]{2,}$/, "must be an App ID such as A012AB3CD")
      .optional(),
  ),
  SLACK_API_URL: setting(z.url({ protocol: /^https?$/ }).default("https://slack.com/api/")),
  DATABASE_URL: setting(
    z
      .string()
      .regex(/^(file:|postgres(ql)?:\/\/)/, "must start with file: or postgresql://")
      .default("file:./data/convene.db"),
  ),
  PORT: setting(port.default(3000)),
  CONVENE_PUBLIC_URL: setting(z.url({ protocol: /^https?$/ }).optional()),
  CONVENE_ADMINS: setting(
    z
      .string()
      .default("")
      .transform((s) =>
        s
          .split(",")
          .map((id) => id.trim())
          .filter(Boolean),
      )
      .pipe(z.array(z.string().regex(slackUserId, "must be Slack user IDs such as U012AB3CD"))),
  ),
  CONVENE_TIMEZONE: setting(
    z
      .string()
      .refine((tz) => IANAZone.isValidZone(tz), "is not an IANA time zone")
      .default("America/New_York"),
  ),
  CONVENE_TICK: setting(
    z
      .string()
      .refine((v) => v === "off" || cron.validate(v), "is not a cron expression")
      .default("* * * * *"),
  ),
  METRICS_PORT: setting(port.optional()),
  METRICS_TOKEN: setting(z.string().min(16, "is too short to guard anything").optional()),
  LOG_LEVEL: setting(logLevel.default("info")),
});

export type Config = z.infer<typeof configSchema>;

export class ConfigError extends Error {
  constructor(readonly problems: { key: string; message: string }[]) {
    super(
      [
        `Convene cannot start: ${problems.length === 1 ? "1 setting needs" : `${problems.length} settings need`} attention.`,
        ...problems.map((p) => `  - ${p.key} ${p.message}`),
        "Set them in the environment or in a .env file (see .env.example), then start again.",
      ].join("\n"),
    );
    this.name = "ConfigError";
  }
}

/** Parses the environment once at start-up; reports every bad variable together. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return parseSettings(configSchema, env);
}

/**
 * The sandbox runs when no Slack credential is set at all. One set without the others is a
 * half-configured app, which must fail at start-up rather than quietly become a sandbox.
 */
export function wantsSandbox(env: NodeJS.ProcessEnv = process.env): boolean {
  const credentials = ["SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET", "SLACK_APP_TOKEN"] as const;
  return credentials.every((key) => blankIsUnset(env[key]) === undefined) && env.CONVENE_SANDBOX?.trim() !== "off";
}

const sandboxSchema = z.object({
  CONVENE_SANDBOX: setting(z.enum(["auto", "off"], { error: 'must be "auto" or "off"' }).optional()),
  SANDBOX_PORT: setting(port.optional()),
  PORT: setting(port.default(3000)),
  // Convene's own JSON lines would bury the page's address; warnings and errors still show.
  LOG_LEVEL: setting(logLevel.default("warn")),
});

export interface SandboxConfig {
  port: number;
  logLevel: z.infer<typeof logLevel>;
}

/** The sandbox's few settings: its page's port and the log level. */
export function loadSandboxConfig(env: NodeJS.ProcessEnv = process.env): SandboxConfig {
  const parsed = parseSettings(sandboxSchema, env);
  return { port: parsed.SANDBOX_PORT ?? parsed.PORT, logLevel: parsed.LOG_LEVEL };
}

function parseSettings<T extends z.ZodType>(schema: T, env: NodeJS.ProcessEnv): z.infer<T> {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  const seen = new Set<string>();
  const problems = result.error.issues.flatMap((issue) => {
    const key = String(issue.path[0]) as Key;
    if (seen.has(key)) return [];
    seen.add(key);
    const missing = env[key] === undefined || String(env[key]).trim() === "";
    return [{ key, message: missing ? `is missing: set it to ${hints[key]}.` : `${issue.message}: expected ${hints[key]}.` }];
  });
  throw new ConfigError(problems);
}

/** The values that must never reach a log line. */
export function secretsOf(config: Config): string[] {
  return [config.SLACK_BOT_TOKEN, config.SLACK_SIGNING_SECRET, config.SLACK_APP_TOKEN, config.METRICS_TOKEN].filter(
    (s): s is string => !!s,
  );
}
