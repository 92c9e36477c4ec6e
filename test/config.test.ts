import { ConfigError, loadConfig, loadSandboxConfig, wantsSandbox } from "../src/config";

const valid = { SLACK_BOT_TOKEN: "xoxb-1-2-abc", SLACK_SIGNING_SECRET: "8f742231b10e8888abcd99yyyzzz85a5" };

function problemsOf(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as Error).message;
  }
  throw new Error("expected a ConfigError");
}

describe("configuration", () => {
  it("applies the documented defaults", () => {
    const c = loadConfig(valid);
    expect(c).toMatchObject({
      DATABASE_URL: "file:./data/convene.db",
      PORT: 3000,
      CONVENE_TIMEZONE: "America/New_York",
      CONVENE_ADMINS: [],
      SLACK_API_URL: "https://slack.com/api/",
      LOG_LEVEL: "info",
    });
    expect(c.SLACK_APP_TOKEN).toBeUndefined();
  });

  it("reads admins as a list and a postgres URL as the database", () => {
    const c = loadConfig({
      ...valid,
      CONVENE_ADMINS: "U012AB3CD, W045EF6GH",
      DATABASE_URL: "postgresql://u:p@db:5432/convene",
      PORT: "8080",
    });
    expect(c.CONVENE_ADMINS).toEqual(["U012AB3CD", "W045EF6GH"]);
    expect(c.PORT).toBe(8080);
  });

  it("names a missing signing secret and says where to find it", () => {
    const message = problemsOf({ SLACK_BOT_TOKEN: valid.SLACK_BOT_TOKEN });
    expect(message).toContain("1 setting needs attention");
    expect(message).toContain("SLACK_SIGNING_SECRET is missing: set it to the Signing Secret from Basic Information");
  });

  it("treats an empty value in a .env file as missing", () => {
    expect(problemsOf({ ...valid, SLACK_SIGNING_SECRET: "  " })).toContain("SLACK_SIGNING_SECRET is missing");
  });

  it("names every bad variable at once", () => {
    const message = problemsOf({
      SLACK_BOT_TOKEN: "xoxp-user-token",
      PORT: "eighty",
      CONVENE_TIMEZONE: "Eastern",
      CONVENE_ADMINS: "alice",
      DATABASE_URL: "mysql://x",
    });
    expect(message).toContain("6 settings need attention");
    for (const key of [
      "SLACK_BOT_TOKEN must be a bot token",
      "SLACK_SIGNING_SECRET is missing",
      "PORT",
      "CONVENE_TIMEZONE is not an IANA time zone",
      "CONVENE_ADMINS must be Slack user IDs",
      "DATABASE_URL must start with file: or postgresql://",
    ]) {
      expect(message).toContain(key);
    }
  });

  it("never echoes a secret it rejects", () => {
    expect(problemsOf({ ...valid, SLACK_BOT_TOKEN: "xoxp-secret-user-token" })).not.toContain("xoxp-secret-user-token");
  });
});

describe("sandbox mode", () => {
  it.each([
    ["no Slack settings at all", {}, true],
    ["Slack settings left blank in .env", { SLACK_BOT_TOKEN: " ", SLACK_SIGNING_SECRET: "" }, true],
    ["both Slack settings", valid, false],
    ["only the bot token: a half-configured app must fail, not become a sandbox", { SLACK_BOT_TOKEN: valid.SLACK_BOT_TOKEN }, false],
    ["only the signing secret", { SLACK_SIGNING_SECRET: valid.SLACK_SIGNING_SECRET }, false],
    ["only an app-level token", { SLACK_APP_TOKEN: "xapp-1-2" }, false],
    ["CONVENE_SANDBOX=off", { CONVENE_SANDBOX: "off" }, false],
  ])("with %s", (_, env, expected) => {
    expect(wantsSandbox(env)).toBe(expected);
  });

  it("listens on SANDBOX_PORT, else PORT, else 3000, and logs warnings by default", () => {
    expect(loadSandboxConfig({})).toEqual({ port: 3000, logLevel: "warn" });
    expect(loadSandboxConfig({ PORT: "8080" }).port).toBe(8080);
    expect(loadSandboxConfig({ PORT: "8080", SANDBOX_PORT: "4000", LOG_LEVEL: "debug" })).toEqual({ port: 4000, logLevel: "debug" });
  });

  it("names a CONVENE_SANDBOX value it does not know, rather than guessing", () => {
    expect(() => loadSandboxConfig({ CONVENE_SANDBOX: "false" })).toThrow(ConfigError);
    expect(() => loadSandboxConfig({ CONVENE_SANDBOX: "false" })).toThrow('CONVENE_SANDBOX must be "auto" or "off"');
  });
});
