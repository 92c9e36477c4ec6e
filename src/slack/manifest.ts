import { CONVENE_COMMAND } from "./commands";

/**
 * The Slack app manifest, in one place for both transports. `manifests/*.json` are written from
 * this (npm run convene -- manifest), and test/slack/manifest.test.ts checks that the scopes,
 * events and commands here are exactly what the code registers and calls.
 */
export const BOT_SCOPES = [
  "channels:history",
  "channels:join",
  "channels:manage",
  "channels:read",
  "chat:write",
  "commands",
  "files:write",
  "im:history",
  "im:write",
  "pins:write",
  "users:read",
  "users:read.email",
] as const;

export const BOT_EVENTS: readonly string[] = ["app_home_opened", "user_change"];

export function buildManifest(opts: { mode: "http" | "socket"; publicUrl?: string }) {
  const requestUrl =
    opts.mode === "http" ? `${(opts.publicUrl ?? "https://convene.example.org").replace(/\/$/, "")}/slack/events` : undefined;
  const url = requestUrl ? { url: requestUrl } : {};
  return {
    _metadata: { major_version: 1, minor_version: 1 },
    display_information: {
      name: "Convene",
      description: "Working groups and Communities of Practice, run inside Slack",
      background_color: "#2c4a6e",
      long_description:
        "Convene maps a coalition's programmes, Communities of Practice and working groups to Slack channels, reminds everyone before sessions and deadlines in their own time zone, takes facilitation proposals and sign-ups through forms with staff review, and shows each member what is coming up in its Home tab.",
    },
    features: {
      bot_user: { display_name: "Convene", always_online: true },
      // The Home tab shows each person what is coming up; the Messages tab takes Convene's DMs.
      app_home: { home_tab_enabled: true, messages_tab_enabled: true, messages_tab_read_only_enabled: false },
      slash_commands: [
        {
          command: CONVENE_COMMAND,
          ...url,
          description: "Groups, sessions, deadlines, sign-ups and proposals",
          usage_hint: "help",
          // Mentions arrive as <@U…|name> and channels as <#C…|name>: `admin person @name`, `roster … add @name` and `admin announcements … #channel` need the ids.
          should_escape: true,
        },
      ],
    },
    oauth_config: { scopes: { bot: [...BOT_SCOPES] } },
    settings: {
      ...(BOT_EVENTS.length
        ? { event_subscriptions: { ...(requestUrl ? { request_url: requestUrl } : {}), bot_events: [...BOT_EVENTS] } }
        : {}),
      interactivity: { is_enabled: true, ...(requestUrl ? { request_url: requestUrl } : {}) },
      org_deploy_enabled: false,
      socket_mode_enabled: opts.mode === "socket",
      token_rotation_enabled: false,
    },
  };
}
