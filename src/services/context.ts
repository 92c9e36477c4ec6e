import type { Config } from "../config";
import type { Db } from "../db/client";
import type { Logger } from "../logger";

/** What every use case may depend on; built once at start-up and passed in, never imported. */
export interface Services {
  db: Db;
  logger: Logger;
  config: Config;
  now: () => Date;
}
