import { existsSync } from "node:fs";
import { ConfigError, loadConfig, secretsOf } from "./config";
import { createLogger } from "./logger";
import { startConvene } from "./server";

const SHUTDOWN_GRACE_MS = 9000; // the orchestrator's kill comes at 10 s

async function main(): Promise<void> {
  if (existsSync(".env")) process.loadEnvFile(".env");
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    process.stderr.write(`${err.message}\n`);
    process.exit(78); // EX_CONFIG
  }
  const logger = createLogger({ level: config.LOG_LEVEL, secrets: secretsOf(config) });
  const convene = await startConvene(config, logger);
  const shutdown = (signal: string) => {
    logger.info({ signal }, "shutdown requested");
    setTimeout(() => {
      logger.error("in-flight work did not finish in time; exiting anyway");
      process.exit(1);
    }, SHUTDOWN_GRACE_MS).unref();
    convene.stop().then(
      () => process.exit(0),
      (err) => {
        logger.error({ err }, "error while stopping");
        process.exit(1);
      },
    );
  };
  process.once("SIGTERM", shutdown);
  process.once("SIGINT", shutdown);
}

main().catch((err) => {
  process.stderr.write(`Convene failed to start: ${(err as Error).stack ?? err}\n`);
  process.exit(1);
});
