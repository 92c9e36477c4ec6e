import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import type { Config } from "./config";
import { createDb, providerOf } from "./db/client";
import { migrate } from "./db/migrate";
import { calendarRoute, sessionCalendarRoute } from "./http/calendar-route";
import { healthRoute } from "./http/health-route";
import { metricsRoute, startMetricsServer } from "./http/metrics-route";
import type { Logger } from "./logger";
import { createMetrics, type Metrics } from "./metrics";
import { startReminderScheduler } from "./scheduler/reminder-scheduler";
import { crowdAcked } from "./slack/after-ack";
import type { Services } from "./services/context";
import { createSlackApp, type SlackApp } from "./slack/app";

export interface Convene {
  port: number;
  /** Where /metrics is served when METRICS_PORT gives it a port of its own. */
  metricsPort?: number;
  services: Services;
  slack: SlackApp;
  metrics: Metrics;
  /** Stops taking work, lets in-flight work finish, closes the database. */
  stop(): Promise<void>;
}

/** `host` binds the HTTP receiver to one address (the sandbox: 127.0.0.1); by default it listens on all. */
export async function startConvene(
  config: Config,
  logger: Logger,
  now: () => Date = () => new Date(),
  options: { host?: string } = {},
): Promise<Convene> {
  const applied = await migrate(config.DATABASE_URL, logger);
  if (applied.length) logger.info({ applied }, "database migrated");
  const db = await createDb(config.DATABASE_URL);
  const services: Services = { db, logger, config, now };
  const metrics = createMetrics();
  const metricsAccess = { token: config.METRICS_TOKEN };
  const routes = [
    healthRoute(db),
    calendarRoute(db, () => slack.app.client),
    sessionCalendarRoute(db, config),
    ...(config.METRICS_PORT === undefined ? [metricsRoute(metrics.registry, metricsAccess)] : []),
  ];
  const slack = createSlackApp(services, routes);
  await slack.app.init();
  const started = await slack.app.start(options.host ? { port: config.PORT, host: options.host } : config.PORT);
  const address = slack.mode === "http" ? ((started as Server).address() as AddressInfo) : undefined;
  const port = address?.port ?? config.PORT;
  const metricsServer =
    config.METRICS_PORT === undefined ? undefined : await startMetricsServer(metrics.registry, metricsAccess, config.METRICS_PORT);
  const metricsPort = (metricsServer?.address() as AddressInfo | null)?.port;
  const scheduler = startReminderScheduler(services, metrics, crowdAcked);
  logger.info({ port, mode: slack.mode, database: providerOf(config.DATABASE_URL), scheduler: !!scheduler }, "Convene is ready");

  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      logger.info("Convene is stopping");
      await Promise.all([slack.app.stop(), scheduler?.stop(), metricsServer && new Promise((resolve) => metricsServer.close(resolve))]);
      await slack.idle();
      await db.$disconnect();
      logger.info("Convene stopped");
    })());
  return { port, metricsPort, services, slack, metrics, stop };
}
