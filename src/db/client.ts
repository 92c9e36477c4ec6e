import { mkdirSync } from "node:fs";
import path from "node:path";
import { PrismaClient as SqliteClient } from "../generated/sqlite/client";

/**
 * The app is typed against the SQLite client: its API is the narrower one (no `mode: "insensitive"`,
 * no `skipDuplicates`), so code that compiles runs on both providers.
 */
export type Db = SqliteClient;
export type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];
export type Provider = "sqlite" | "postgresql";

export const providerOf = (url: string): Provider => (/^postgres(ql)?:\/\//.test(url) ? "postgresql" : "sqlite");

const PG_TIMEOUT_MS = 2000;

export async function createDb(url: string): Promise<Db> {
  if (providerOf(url) === "postgresql") {
    // Loaded lazily so an embedded deployment never loads pg.
    const { PrismaPg } = require("@prisma/adapter-pg") as typeof import("@prisma/adapter-pg");
    const { PrismaClient } = require("../generated/postgres/client") as typeof import("../generated/postgres/client");
    // A host that stops answering must fail a request in time for Slack's 3 s, as one that refuses
    // does: otherwise the person hears nothing. Convene's queries are short; none nears these. The
    // connect timeout also bounds the wait for a free pooled connection: the scheduler keeps its
    // share of the pool small (SlackPacer's maxInFlight), so requests do not queue behind a burst.
    const adapter = new PrismaPg({ connectionString: url, connectionTimeoutMillis: PG_TIMEOUT_MS, query_timeout: PG_TIMEOUT_MS });
    return new PrismaClient({ adapter }) as unknown as Db;
  }
  // A missing parent folder only surfaces as "External error id#0" at the first query.
  const file = url.replace(/^file:/, "");
  if (file !== ":memory:") mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const { PrismaBetterSQLite3 } = require("@prisma/adapter-better-sqlite3") as typeof import("@prisma/adapter-better-sqlite3");
  const db = new SqliteClient({ adapter: new PrismaBetterSQLite3({ url }) });
  // The adapter holds one connection, so these stick. WAL lets readers run beside the writer;
  // busy_timeout makes a second process (the admin CLI) wait instead of failing with SQLITE_BUSY,
  // but briefly: better-sqlite3 waits synchronously, the whole process standing still, and a
  // request must still be answered within Slack's 3 s while an import or a backup holds the lock.
  await db.$queryRawUnsafe("PRAGMA journal_mode=WAL");
  await db.$executeRawUnsafe("PRAGMA synchronous=NORMAL");
  await db.$queryRawUnsafe("PRAGMA busy_timeout=1000");
  await db.$executeRawUnsafe("PRAGMA foreign_keys=ON");
  return db;
}

/** True when the database answers; used by /healthz. */
export async function ping(db: Db): Promise<boolean> {
  try {
    await db.$queryRawUnsafe("SELECT 1");
    return true;
  } catch {
    return false;
  }
}
