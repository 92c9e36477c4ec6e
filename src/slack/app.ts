import {
  App,
  ErrorCode,
  HTTPReceiver,
  type ReceiverDispatchErrorHandlerArgs,
  SocketModeReceiver,
  type CustomRoute,
  type Receiver,
} from "@slack/bolt";
import type { Services } from "../services/context";
import { providerOf } from "../db/client";
import { boltLogger } from "../logger";
import { sessionIcsUrl } from "../services/feed-url";
import { ReminderRefresher } from "../services/reminder-refresh";
import { afterAck, requestArrived } from "./after-ack";
import { routedById } from "./listener-router";
import { registerListeners } from "./listeners";
import { guardSlackRequests, type Installation, SeenSignatures } from "./request-guard";

export interface SlackApp {
  app: App;
  receiver: Receiver;
  mode: "http" | "socket";
  /** Resolves once every request taken so far is done, including what its listener does after the ack. */
  idle(): Promise<void>;
}

/**
 * Builds the Bolt app without side effects: no port is opened and Slack is not called (Bolt's
 * eager auth.test is deferred) until `app.init()` and `app.start()`. With SLACK_APP_TOKEN it uses Socket Mode; the HTTP routes (health, calendar
 * feeds) are served in both modes.
 */
export function createSlackApp(services: Services, routes: CustomRoute[]): SlackApp {
  const { config, logger } = services;
  const log = boltLogger(logger);
  const endpoint = "/slack/events";
  const receiver: Receiver = config.SLACK_APP_TOKEN
    ? new SocketModeReceiver({
        appToken: config.SLACK_APP_TOKEN,
        logger: log,
        customRoutes: routes,
        installerOptions: { port: config.PORT },
      })
    : new HTTPReceiver({
        signingSecret: config.SLACK_SIGNING_SECRET,
        // guardSlackRequests, installed below on this receiver, checks every signature itself.
        signatureVerification: false,
        endpoints: endpoint,
        customRoutes: routes,
        logger: log,
        // Slack expects an answer within 3 s; a listener that never acks gets a 500 after that.
        unhandledRequestTimeoutMillis: 3001,
        dispatchErrorHandler: answerUnroutable,
      });
  const app = new App({
    token: config.SLACK_BOT_TOKEN,
    receiver,
    logger: log,
    // Bolt's conversation store is unused here, and its lookup built an Error for every request.
    convoStore: false,
    deferInitialization: true,
    clientOptions: { slackApiUrl: config.SLACK_API_URL, logger: boltLogger(logger, "web-api") },
  });
  if (receiver instanceof HTTPReceiver) {
    guardSlackRequests(receiver, {
      signingSecret: config.SLACK_SIGNING_SECRET,
      endpoint,
      installation: installationOf(app, config.SLACK_APP_ID),
      seen: SeenSignatures.for(services.db, providerOf(config.DATABASE_URL), logger),
      logger,
    });
  }
  app.error(async (error) => {
    logger.error({ err: error, code: (error as { code?: string }).code }, "unhandled error in a Slack listener");
  });
  // A listener works on after its ack (fills a modal, publishes a Home tab, sends follow-ups), past
  // the request's end and the receiver's stop: tracked, so that stopping waits for it instead of
  // cutting it off or leaving its Web API calls retrying against a Slack that is gone.
  const inFlight = new Set<Promise<void>>();
  app.use(async ({ body, next }) => {
    // A form's submission is counted once it is known not to be one sent again (modal-flow.ts).
    if (body.type !== "view_submission") requestArrived();
    const work = next();
    inFlight.add(work);
    try {
      await work;
    } finally {
      inFlight.delete(work);
    }
  });
  // One per process: RSVP clicks ask it to re-render their reminders, a second at most apart.
  const refresher = new ReminderRefresher({
    db: services.db,
    logger,
    defaultTimezone: config.CONVENE_TIMEZONE,
    icsUrl: (id) => sessionIcsUrl(config, id),
    queue: afterAck,
  });
  registerListeners(routedById(app), services, { refresher });
  const idle = async () => {
    while (inFlight.size) await Promise.allSettled(inFlight);
    await refresher.idle();
  };
  return { app, receiver, mode: config.SLACK_APP_TOKEN ? "socket" : "http", idle };
}

/**
 * The team (and app) this bot token belongs to, from auth.test, asked once and kept; a failed
 * answer is asked again on the next request. Bolt keeps only the bot's ids from its own auth.test.
 */
function installationOf(app: App, configuredAppId: string | undefined): () => Promise<Installation> {
  let known: Promise<Installation> | undefined;
  return () =>
    (known ??= app.client.auth.test().then(
      (auth) => {
        if (!auth.team_id) throw new Error("auth.test named no team");
        return { teamId: auth.team_id, appId: configuredAppId ?? auth.app_id };
      },
      (err: unknown) => {
        known = undefined;
        throw err;
      },
    ));
}

/**
 * A request no route takes: 404, logged without its path (a calendar path is the feed's secret).
 * A path Bolt's router cannot decode (a malformed `%`) is such a request too, not a server error.
 */
function answerUnroutable({ error, logger, request, response }: ReceiverDispatchErrorHandlerArgs): void {
  const unroutable = error instanceof URIError || (error as { code?: string }).code === ErrorCode.HTTPReceiverDeferredRequestError;
  if (unroutable) logger.debug(`no route for ${request.method} (404)`);
  else logger.error(`a ${request.method} request failed before reaching a route: ${error.message}`);
  response.writeHead(unroutable ? 404 : 500);
  response.end();
}
