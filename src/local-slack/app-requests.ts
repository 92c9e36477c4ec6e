import { headerRecord } from "./http-io";
import { signSlackRequest } from "./signing";
import type { AppResponse } from "./types";

/** Slack shows the user an error when the app has not answered within 3 seconds. */
export const APP_RESPONSE_DEADLINE_MS = 3000;

export interface PostToAppOptions {
  contentType: "application/x-www-form-urlencoded" | "application/json";
  /** Omit to send the request unsigned. */
  signingSecret?: string;
  /** Sign as of this time (seconds); defaults to now. Use an old value to test replay rejection. */
  timestampSeconds?: number;
  /** Extra or overriding headers, e.g. a tampered x-slack-signature or x-slack-retry-num. */
  headers?: Record<string, string>;
  timeoutMs?: number;
}

/** POSTs a raw body to the app the way Slack's servers do, and reads back the acknowledgement. */
export async function postToApp(url: string, rawBody: string, options: PostToAppOptions): Promise<AppResponse> {
  const headers: Record<string, string> = {
    "content-type": options.contentType,
    "user-agent": "Slackbot 1.0 (+https://api.slack.com/robots)",
    ...(options.signingSecret === undefined ? {} : signSlackRequest(options.signingSecret, rawBody, options.timestampSeconds)),
    ...(options.headers ?? {}),
  };
  const started = Date.now();
  const response = await fetch(url, {
    method: "POST",
    headers,
    body: rawBody,
    signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
  });
  const text = await response.text();
  const durationMs = Date.now() - started;
  const responseHeaders = headerRecord(response.headers);
  let body: unknown = text;
  if ((responseHeaders["content-type"] ?? "").includes("application/json") && text !== "") {
    try {
      body = JSON.parse(text);
    } catch {
      body = text;
    }
  }
  return { status: response.status, body, headers: responseHeaders, durationMs, tooSlow: durationMs > APP_RESPONSE_DEADLINE_MS };
}
