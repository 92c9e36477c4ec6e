import { createHmac } from 'node:crypto';

export interface SlackSignatureHeaders {
  'x-slack-signature': string;
  'x-slack-request-timestamp': string;
}

/**
 * Signs a request body the way Slack does (signing secret v0): HMAC-SHA256 over
 * `v0:<timestamp>:<raw body>`, hex encoded and prefixed with `v0=`.
 *
 * The timestamp defaults to the wall clock, not the emulator clock, because the app checks it
 * against its own clock (Bolt rejects anything older than five minutes).
 */
export function signSlackRequest(
  signingSecret: string,
  rawBody: string,
  timestampSeconds: number = Math.floor(Date.now() / 1000),
): SlackSignatureHeaders {
  const digest = createHmac('sha256', signingSecret).update(`v0:${timestampSeconds}:${rawBody}`).digest('hex');
  return {
    'x-slack-signature': `v0=${digest}`,
    'x-slack-request-timestamp': String(timestampSeconds),
  };
}
