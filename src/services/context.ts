import type { Clock } from "../clock";
import type { Config } from "../config";
import type { Db } from "../db/client";
import type { Logger } from "../logger";

/**
 * What every use case may depend on; built once at start-up and passed in, never imported. Narrower
 * dependency shapes (the outbox runner's, a channel sync's) are `Pick`s of it or share its `Clock`.
 */
export interface Services extends Clock {
  db: Db;
  logger: Logger;
  config: Config;
}
