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
  const adapter = new PrismaBetterSQLite3({ url });
  const connect = adapter.connect.bind(adapter);
  adapter.connect = async () => {
    const connected = await connect();
    reuseStatements((connected as unknown as { client: Statements }).client);
    return connected;
  };
  const db = new SqliteClient({ adapter });
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

/** The part of better-sqlite3's Database and Statement the Prisma adapter uses. */
interface Statement {
  reader: boolean;
  run(args?: unknown[]): unknown;
  columns(): unknown[];
  raw(on: boolean): { all(args?: unknown[]): unknown[] };
}
interface Statements {
  prepare(sql: string): unknown;
}

/** Enough for every statement Convene's queries compile to; a rare one past it is prepared again. */
const STATEMENTS_KEPT = 500;

/**
 * The Prisma adapter prepares every statement afresh (better-sqlite3's `prepare` parses and plans
 * the SQL: a tenth of an RSVP click's CPU), and binds the arguments to it for good, so a
 * statement cannot be reused as it comes. Prepared statements are kept by their SQL instead, and
 * each use gets a view of one with its own arguments, which the adapter calls as it would the
 * statement (`bind(args)`, then `reader`, `run()`, `columns()`, `raw().all()`).
 */
function reuseStatements(client: Statements): void {
  const prepare = client.prepare.bind(client) as (sql: string) => Statement;
  const kept = new Map<string, Statement>();
  const statementFor = (sql: string) => {
    let stmt = kept.get(sql);
    if (stmt) {
      kept.delete(sql); // most recently used last
    } else {
      stmt = prepare(sql);
      if (kept.size >= STATEMENTS_KEPT) kept.delete(kept.keys().next().value!);
    }
    kept.set(sql, stmt);
    return stmt;
  };
  const bound = (stmt: Statement, args: unknown[]) => ({
    reader: stmt.reader,
    run: () => stmt.run(args),
    columns: () => stmt.columns(),
    raw: () => ({ all: () => stmt.raw(true).all(args) }),
  });
  client.prepare = (sql: string) => {
    const stmt = statementFor(sql);
    return { ...bound(stmt, []), bind: (args: unknown[]) => bound(stmt, args) };
  };
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
