import { execFile } from "node:child_process";
import { readdirSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import type { Logger } from "../logger";
import { createDb, type Db, providerOf } from "./client";

const root = path.resolve(__dirname, "..", "..");
const run = promisify(execFile);

function migrationsDir(url: string): string {
  return providerOf(url) === "postgresql" ? path.join(root, "prisma", "postgres", "migrations") : path.join(root, "prisma", "migrations");
}

/** Migrations committed in the repository that this database has not applied yet. */
export async function pendingMigrations(db: Db, url: string): Promise<string[]> {
  const committed = readdirSync(migrationsDir(url))
    .filter((d) => /^\d+_/.test(d))
    .sort();
  let applied: string[] = [];
  try {
    const rows = await db.$queryRawUnsafe<{ migration_name: string }[]>(
      "SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL",
    );
    applied = rows.map((r) => r.migration_name);
  } catch {
    // No _prisma_migrations table: a new database.
  }
  return committed.filter((m) => !applied.includes(m));
}

/**
 * Applies pending migrations with Prisma's own `migrate deploy` (which takes an advisory lock on
 * PostgreSQL, so replicas starting together are safe). Skipped when nothing is pending, because
 * the WebAssembly engine lingers ~10 s on PostgreSQL before it exits. Call it before opening the
 * app's own client: an open SQLite connection makes the CLI's writes time out.
 */
export async function migrate(url: string, logger: Logger): Promise<string[]> {
  const probe = await createDb(url);
  const pending = await pendingMigrations(probe, url).finally(() => probe.$disconnect());
  if (pending.length === 0) return [];
  logger.info({ pending }, "applying database migrations");
  const config = providerOf(url) === "postgresql" ? "prisma.pg.config.ts" : "prisma.config.ts";
  await run(path.join(root, "node_modules", ".bin", "prisma"), ["migrate", "deploy", "--config", config], {
    cwd: root,
    // The CLI runs from the repository root, so a relative SQLite path must be made absolute here.
    env: {
      ...process.env,
      DATABASE_URL: providerOf(url) === "sqlite" ? `file:${path.resolve(url.replace(/^file:/, ""))}` : url,
      PRISMA_HIDE_UPDATE_MESSAGE: "1",
      CHECKPOINT_DISABLE: "1",
    },
  });
  return pending;
}
