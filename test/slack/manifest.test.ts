import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { App } from "@slack/bolt";
import pino from "pino";
import { loadConfig } from "../../src/config";
import type { Db } from "../../src/db/client";
import { createSlackApp } from "../../src/slack/app";
import { BOT_EVENTS, BOT_SCOPES, buildManifest } from "../../src/slack/manifest";

const root = path.join(__dirname, "..", "..");

/**
 * The scopes each Web API method needs for what Convene does with it (its page on api.slack.com,
 * bot tokens): history is read in channels and in DMs, and users.info must include the email.
 */
const SCOPES_OF_METHOD: Record<string, string[]> = {
  "auth.test": [],
  "chat.postMessage": ["chat:write"],
  "chat.postEphemeral": ["chat:write"],
  "chat.update": ["chat:write"],
  "chat.delete": ["chat:write"],
  "chat.getPermalink": [],
  // The SDK's helper for Slack's upload flow: files.getUploadURLExternal, then files.completeUploadExternal.
  "files.uploadV2": ["files:write"],
  "conversations.create": ["channels:manage"],
  "conversations.archive": ["channels:manage"],
  "conversations.unarchive": ["channels:manage"],
  "conversations.rename": ["channels:manage"],
  "conversations.setTopic": ["channels:manage"],
  "conversations.setPurpose": ["channels:manage"],
  "conversations.invite": ["channels:manage"],
  "conversations.kick": ["channels:manage"],
  "conversations.join": ["channels:join"],
  "conversations.open": ["im:write"],
  "conversations.info": ["channels:read"],
  "conversations.list": ["channels:read"],
  "conversations.members": ["channels:read"],
  "conversations.history": ["channels:history", "im:history"],
  "conversations.replies": ["channels:history", "im:history"],
  "pins.add": ["pins:write"],
  "users.info": ["users:read", "users:read.email"],
  "users.lookupByEmail": ["users:read.email"],
  "views.open": [],
  "views.push": [],
  "views.update": [],
  "views.publish": [],
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    if (name === "generated") return [];
    return statSync(p).isDirectory() ? sourceFiles(p) : p.endsWith(".ts") ? [p] : [];
  });
}

/** Every Web API method the app's source calls, as `client.chat.postMessage(` and the like. */
function calledMethods(): Set<string> {
  const found = new Set<string>();
  const call = /\.(auth|chat|conversations|files|pins|users|views|reactions|bookmarks|usergroups)\.(\w+)\(/g;
  // The local Slack and the sandbox play Slack's side: they serve these methods, not call them.
  const slacksSide = ["local-slack", "sandbox"].map((dir) => path.join(root, "src", dir) + path.sep);
  for (const file of sourceFiles(path.join(root, "src")).filter((f) => !slacksSide.some((dir) => f.startsWith(dir)))) {
    for (const m of readFileSync(file, "utf8").matchAll(call)) found.add(`${m[1]}.${m[2]}`);
  }
  return found;
}

function registered() {
  const spies = {
    command: jest.spyOn(App.prototype, "command"),
    event: jest.spyOn(App.prototype, "event"),
    action: jest.spyOn(App.prototype, "action"),
    view: jest.spyOn(App.prototype, "view"),
    shortcut: jest.spyOn(App.prototype, "shortcut"),
  };
  const config = loadConfig({ SLACK_BOT_TOKEN: "xoxb-test", SLACK_SIGNING_SECRET: "test-signing-secret" });
  createSlackApp({ db: {} as Db, logger: pino({ level: "silent" }), config, now: () => new Date() }, []);
  const names = (spy: jest.SpyInstance) => spy.mock.calls.map((c) => String(c[0]));
  const result = { commands: names(spies.command), events: names(spies.event), shortcuts: names(spies.shortcut) };
  for (const s of Object.values(spies)) s.mockRestore();
  return result;
}

describe("manifests/ declare exactly what the code uses", () => {
  it.each([
    ["http.json", "http"],
    ["socket-mode.json", "socket"],
  ] as const)("manifests/%s is what `npm run convene -- manifest` prints", (file, mode) => {
    const committed = JSON.parse(readFileSync(path.join(root, "manifests", file), "utf8"));
    expect(committed).toEqual(JSON.parse(JSON.stringify(buildManifest({ mode }))));
  });

  it("requests exactly the scopes the Web API calls in src/ need, and commands for the slash command", () => {
    const methods = [...calledMethods()];
    const unknown = methods.filter((m) => !(m in SCOPES_OF_METHOD));
    expect(unknown).toEqual([]); // add the method and its scopes to the table above
    const needed = new Set(methods.flatMap((m) => SCOPES_OF_METHOD[m]!));
    needed.add("commands");
    expect([...BOT_SCOPES].sort()).toEqual([...needed].sort());
  });

  it("declares each registered slash command, event and shortcut, and nothing unregistered", () => {
    const manifest = buildManifest({ mode: "http" });
    const code = registered();
    expect(manifest.features.slash_commands.map((c) => c.command).sort()).toEqual([...new Set(code.commands)].sort());
    expect([...BOT_EVENTS].sort()).toEqual([...new Set(code.events)].sort());
    expect(code.shortcuts).toEqual([]);
  });
});
