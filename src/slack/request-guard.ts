import type { IncomingMessage, ServerResponse } from "node:http";
import { createHmac, timingSafeEqual } from "node:crypto";
import { parse as parseForm } from "node:querystring";
import { type BufferedIncomingMessage, HTTPModuleFunctions, type HTTPReceiver } from "@slack/bolt";
import type { Db, Provider } from "../db/client";
import { pruneSignatures, rememberSignature } from "../db/seen-signature-repository";
import type { Logger } from "../logger";

/** The workspace and app this installation serves: requests for any other are refused. */
export interface Installation {
  teamId: string;
  /** Unknown when neither SLACK_APP_ID nor auth.test names it: then only the team is checked. */
  appId?: string;
}

/** Slack's window: a request signed more than this far from now, either way, is refused. */
const WINDOW_MS = 5 * 60_000;
const PRUNE_EVERY_MS = 60_000;
/** A shared database that does not answer this fast is skipped: this replica's own memory still holds. */
const SHARED_CHECK_MS = 300;

/**
 * The signatures of requests already served, so a byte-identical replay is refused. Each process
 * remembers its own; on PostgreSQL (the only database several replicas share) they are also
 * written to the database, so a replay sent to another replica is refused too.
 */
export class SeenSignatures {
  private readonly local = new Map<string, number>();
  private lastPrune = 0;

  constructor(
    private readonly shared: { db: Db; logger: Logger } | undefined,
    private readonly clock: () => number = Date.now,
  ) {}

  static for(db: Db, provider: Provider, logger: Logger, clock?: () => number): SeenSignatures {
    return new SeenSignatures(provider === "postgresql" ? { db, logger } : undefined, clock);
  }

  /** True the first time a signature is seen; it is kept until its request would be stale anyway. */
  async firstTime(signature: string, timestampMs: number): Promise<boolean> {
    const now = this.clock();
    if (now - this.lastPrune > PRUNE_EVERY_MS) this.prune(now);
    if (this.local.has(signature)) return false;
    const expiresAt = timestampMs + WINDOW_MS;
    this.local.set(signature, expiresAt);
    if (!this.shared) return true;
    const { db, logger } = this.shared;
    let timer: NodeJS.Timeout | undefined;
    const slow = new Promise<"slow">((resolve) => (timer = setTimeout(() => resolve("slow"), SHARED_CHECK_MS)));
    const first = await Promise.race([rememberSignature(db, signature, new Date(expiresAt)), slow])
      .catch(() => "slow" as const)
      .finally(() => clearTimeout(timer));
    // With the database down the request fails on its own and the person is told to try again.
    if (first === "slow") logger.warn("the shared replay check did not answer in time; this replica's own check applied");
    return first !== false;
  }

  private prune(now: number) {
    this.lastPrune = now;
    for (const [signature, expiresAt] of this.local) if (expiresAt < now) this.local.delete(signature);
    if (this.shared) {
      const { db, logger } = this.shared;
      pruneSignatures(db, new Date(now)).catch((err) => logger.warn({ err }, "could not prune seen signatures"));
    }
  }
}

/**
 * Slack's signing scheme (v0: an HMAC-SHA256 of "v0:timestamp:body"), refusing a request signed
 * more than 5 minutes ago, as Bolt's check does. Bolt compares with tsscmp, which draws random
 * bytes and computes two more HMACs per request; node's timingSafeEqual is as constant-time. The
 * body is hashed as the bytes that came in, not decoded to a string and encoded again.
 */
export function signedBySlack(secret: string, signature: string, timestamp: number, body: Buffer, nowMs: number): boolean {
  if (!Number.isFinite(timestamp) || timestamp * 1000 < nowMs - WINDOW_MS) return false;
  const expected = Buffer.from(`v0=${createHmac("sha256", secret).update(`v0:${timestamp}:`).update(body).digest("hex")}`);
  const given = Buffer.from(signature);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

const str = (v: unknown) => (typeof v === "string" && v !== "" ? v : undefined);

/** The team and app a parsed Slack request is for, as Slack's payloads carry them. */
function addressOf(body: Record<string, unknown>): { teams: string[]; appId?: string } {
  const team = body.team as { id?: unknown } | null | undefined;
  const authorizations = body.authorizations as { team_id?: unknown }[] | undefined;
  const teams = [str(body.team_id), str(team?.id), ...(authorizations ?? []).map((a) => str(a.team_id))].filter((t): t is string => !!t);
  return { teams, appId: str(body.api_app_id) };
}

/** Bodies the guard has parsed, for Bolt's receiver to take instead of parsing them again. */
const parsedByGuard = new WeakMap<BufferedIncomingMessage, unknown>();
let handingOver = false;

/**
 * Bolt's HTTPReceiver parses each body it is handed (`HTTPModuleFunctions.parseHTTPRequestBody`,
 * looked up on the module at each call), after the guard has parsed it for its team and app: a
 * second URL-decoding and JSON.parse of every payload, a tenth of a view submission's ack. The
 * receiver is handed the guard's parse instead; any other request is parsed as before.
 */
function handOverParsedBodies(): void {
  if (handingOver) return;
  handingOver = true;
  const functions = HTTPModuleFunctions as { parseHTTPRequestBody: typeof HTTPModuleFunctions.parseHTTPRequestBody };
  const parse = functions.parseHTTPRequestBody;
  functions.parseHTTPRequestBody = (req) => (parsedByGuard.has(req) ? parsedByGuard.get(req) : parse(req));
}

/**
 * Slack's signature check, and what Bolt's check would let through (a request signed correctly
 * however far in the future, however often it is sent, for whichever workspace or app): a request
 * unsigned, wrongly signed or stamped more than 5 minutes either way, a byte-identical replay, and
 * one for another team or app get 401 and reach no listener. Wraps the HTTP receiver's listener,
 * whose own signature check is off: checking each request twice cost every ack a second HMAC.
 */
export function guardSlackRequests(
  receiver: HTTPReceiver,
  options: {
    signingSecret: string;
    endpoint: string;
    installation: () => Promise<Installation>;
    seen: SeenSignatures;
    logger: Logger;
    clock?: () => number;
  },
): void {
  handOverParsedBodies();
  const inner = receiver.requestListener;
  const clock = options.clock ?? Date.now;
  const refuse = (res: ServerResponse, why: string) => {
    options.logger.warn({ why }, "refused a Slack request");
    HTTPModuleFunctions.buildNoBodyResponse(res, 401);
  };
  receiver.requestListener = (req: IncomingMessage, res: ServerResponse) => {
    // The path as Bolt reads it (a URL's, dots resolved): a request Bolt would take as an event must meet this check.
    let path: string | undefined;
    try {
      path = new URL(req.url ?? "", "http://localhost").pathname;
    } catch {
      path = undefined;
    }
    if (req.method?.toUpperCase() !== "POST" || path !== options.endpoint) return inner(req, res);
    void (async () => {
      let buffered;
      try {
        buffered = await HTTPModuleFunctions.bufferIncomingMessage(req, HTTPModuleFunctions.defaultBodyLimit);
      } catch (err) {
        const tooLarge = HTTPModuleFunctions.isRawBodyError(err) && (err as { statusCode: number }).statusCode === 413;
        return HTTPModuleFunctions.buildNoBodyResponse(res, tooLarge ? 413 : 400);
      }
      const signature = req.headers["x-slack-signature"];
      const timestamp = Number(req.headers["x-slack-request-timestamp"]);
      // The one signature check: Bolt's own is turned off (app.ts), as it would repeat this one.
      const valid = typeof signature === "string" && signedBySlack(options.signingSecret, signature, timestamp, buffered.rawBody, clock());
      if (!valid) {
        // Slack checks a slash command's certificate with an unsigned `ssl_check=1`, which Bolt's
        // check lets through: it gets its 200, and nothing else in it is read.
        const form = req.headers["content-type"] === "application/x-www-form-urlencoded" && parseForm(buffered.rawBody.toString());
        if (form && form.ssl_check === "1") return HTTPModuleFunctions.buildSSLCheckResponse(res);
        return refuse(res, "missing, wrong or stale signature");
      }
      if (timestamp * 1000 > clock() + WINDOW_MS) return refuse(res, "timestamp more than 5 minutes ahead");
      let parsed: Record<string, unknown>;
      try {
        parsed = HTTPModuleFunctions.parseHTTPRequestBody(buffered) as Record<string, unknown>;
      } catch {
        return inner(buffered, res);
      }
      if (parsed.type !== "url_verification") {
        let installation: Installation;
        try {
          installation = await options.installation();
        } catch (err) {
          options.logger.warn({ err }, "could not confirm this installation's team with auth.test");
          return HTTPModuleFunctions.buildNoBodyResponse(res, 503);
        }
        const { teams, appId } = addressOf(parsed);
        if (!teams.length || teams.some((t) => t !== installation.teamId)) return refuse(res, "another team");
        if (installation.appId && appId !== installation.appId) return refuse(res, "another app");
      }
      if (!(await options.seen.firstTime(signature, timestamp * 1000))) return refuse(res, "replayed");
      parsedByGuard.set(buffered, parsed);
      inner(buffered, res);
    })().catch((err) => {
      options.logger.error({ err }, "the Slack request check failed");
      if (!res.headersSent) HTTPModuleFunctions.buildNoBodyResponse(res, 500);
    });
  };
}
