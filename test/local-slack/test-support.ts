// Helpers shared by this folder's tests (not part of the public API).
import { LogLevel, WebClient, type Logger, type WebClientOptions } from "@slack/web-api";
import type { LocalSlack } from "../../src/local-slack/local-slack";

/** WebClient logs Slack's response_metadata messages; tests assert on them instead. */
export const quietLogger: Logger = {
  debug: () => {},
  info: () => {},
  warn: () => {},
  error: () => {},
  setLevel: () => {},
  getLevel: () => LogLevel.ERROR,
  setName: () => {},
};

export function clientFor(slack: LocalSlack, options: WebClientOptions = {}, token: string = slack.botToken): WebClient {
  return new WebClient(token, { slackApiUrl: slack.apiUrl, logger: quietLogger, retryConfig: { retries: 0 }, ...options });
}

/** The `data` of a platform error (ok:false), or a failure if the call succeeded. */
export async function slackError(call: Promise<unknown>): Promise<Record<string, unknown>> {
  try {
    await call;
  } catch (error) {
    const data = (error as { data?: Record<string, unknown> }).data;
    if (data !== undefined) return data;
    throw error;
  }
  throw new Error("expected the Slack call to fail, but it succeeded");
}
