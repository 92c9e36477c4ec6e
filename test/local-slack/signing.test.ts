import { verifySlackRequest } from "@slack/bolt";
import { signSlackRequest } from "../../src/local-slack/signing";

// The worked example in Slack's "Verifying requests from Slack" guide.
const DOC_SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
const DOC_TIMESTAMP = 1531420618;
const DOC_BODY =
  "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar" +
  "&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com" +
  "%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c";
const DOC_SIGNATURE = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503";

function boltVerifies(
  secret: string,
  body: string,
  headers: { "x-slack-signature": string; "x-slack-request-timestamp": string },
  nowMs = Date.now(),
): boolean {
  try {
    verifySlackRequest({
      signingSecret: secret,
      body,
      headers: {
        "x-slack-signature": headers["x-slack-signature"],
        "x-slack-request-timestamp": Number(headers["x-slack-request-timestamp"]),
      },
      nowMilliseconds: nowMs,
    });
    return true;
  } catch {
    return false;
  }
}

describe("signSlackRequest", () => {
  it("reproduces the signature in Slack's documentation", () => {
    expect(signSlackRequest(DOC_SECRET, DOC_BODY, DOC_TIMESTAMP)).toEqual({
      "x-slack-signature": DOC_SIGNATURE,
      "x-slack-request-timestamp": String(DOC_TIMESTAMP),
    });
  });

  it("is accepted by Bolt's own verifier", () => {
    const body = JSON.stringify({ type: "event_callback", event: { type: "app_home_opened" } });
    expect(boltVerifies("s3cret", body, signSlackRequest("s3cret", body))).toBe(true);
  });

  it("is rejected for a tampered body, a different secret, or a stale timestamp", () => {
    const body = "command=%2Fconvene&text=hello";
    const headers = signSlackRequest("s3cret", body);
    expect(boltVerifies("s3cret", `${body}x`, headers)).toBe(false);
    expect(boltVerifies("other", body, headers)).toBe(false);
    const sixMinutesAgo = Math.floor(Date.now() / 1000) - 6 * 60;
    expect(boltVerifies("s3cret", body, signSlackRequest("s3cret", body, sixMinutesAgo))).toBe(false);
  });
});
