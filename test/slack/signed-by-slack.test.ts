import { isValidSlackRequest } from "@slack/bolt";
import fc from "fast-check";
import { signSlackRequest } from "../../src/local-slack/signing";
import { signedBySlack } from "../../src/slack/request-guard";

const SECRET = "test-signing-secret";
const NOW_MS = 1_780_000_000_000;

/** Bolt's verdict on the same request: the check Convene's guard replaces. */
const bolts = (signature: string, timestamp: number, body: string) =>
  isValidSlackRequest({
    signingSecret: SECRET,
    body,
    headers: { "x-slack-signature": signature, "x-slack-request-timestamp": timestamp },
    nowMilliseconds: NOW_MS,
  });

describe("the guard's signature check", () => {
  it("agrees with Bolt's on requests signed, tampered with, re-signed and stale", () => {
    fc.assert(
      fc.property(
        // Any text, accents and emoji included: the guard hashes the bytes, Bolt the string.
        fc.string({ unit: "grapheme" }),
        // From 10 minutes ago to a minute ahead: stale, fresh, and Bolt's own border.
        fc.integer({ min: -600, max: 60 }),
        fc.constantFrom("as signed", "other secret", "body changed", "timestamp changed", "hex cut short", "other version"),
        (body, offsetSeconds, how) => {
          const signedAt = Math.floor(NOW_MS / 1000) + offsetSeconds;
          const headers = signSlackRequest(how === "other secret" ? "not-the-secret" : SECRET, body, signedAt);
          let signature = headers["x-slack-signature"];
          let sentBody = body;
          let timestamp = signedAt;
          if (how === "body changed") sentBody = `${body}x`;
          if (how === "timestamp changed") timestamp = signedAt - 1;
          if (how === "hex cut short") signature = signature.slice(0, -1);
          if (how === "other version") signature = signature.replace("v0=", "v1=");
          // A second's rounding apart at the 5-minute border: Bolt floors now, the guard does not.
          fc.pre(offsetSeconds !== -300);
          expect(signedBySlack(SECRET, signature, timestamp, Buffer.from(sentBody), NOW_MS)).toBe(bolts(signature, timestamp, sentBody));
        },
      ),
      { numRuns: 500 },
    );
  });

  it("takes a request Slack signed just now, and refuses one without a number for its time", () => {
    const body = "payload=%7B%22text%22%3A%22caf%C3%A9%22%7D";
    const headers = signSlackRequest(SECRET, body, Math.floor(NOW_MS / 1000));
    expect(signedBySlack(SECRET, headers["x-slack-signature"], Math.floor(NOW_MS / 1000), Buffer.from(body), NOW_MS)).toBe(true);
    expect(signedBySlack(SECRET, headers["x-slack-signature"], Number("yesterday"), Buffer.from(body), NOW_MS)).toBe(false);
  });
});
