import { randomUUID } from "node:crypto";
import { copyFileSync } from "node:fs";
import path from "node:path";
import { Client } from "pg";
import { createDb, type Db, type Provider } from "../../src/db/client";

/** Every test that touches the database runs once per provider: `describe.each(providers)`. */
export const providers: Provider[] = ["sqlite", "postgresql"];

export interface TestDb {
  provider: Provider;
  url: string;
  db: Db;
  close(): Promise<void>;
}

/** A fresh, migrated database of its own for one test file (or one test); `empty` skips the migrations. */
export async function openTestDb(provider: Provider, opts: { empty?: boolean } = {}): Promise<TestDb> {
  const run = process.env.CONVENE_TEST_RUN!;
  const id = randomUUID().slice(0, 8);
  let url: string;
  if (provider === "sqlite") {
    const file = path.join(__dirname, "..", "..", ".tmp", `test-${run}-${id}.db`);
    if (!opts.empty) copyFileSync(process.env.CONVENE_TEST_SQLITE_TEMPLATE!, file);
    url = `file:${file}`;
  } else {
    const name = `convene_t_${run}_${id}`;
    const admin = new Client({ connectionString: process.env.TEST_PG_ADMIN_URL });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}"${opts.empty ? "" : ` TEMPLATE "${process.env.CONVENE_TEST_PG_TEMPLATE}"`}`);
    await admin.end();
    const u = new URL(process.env.TEST_PG_ADMIN_URL!);
    u.pathname = `/${name}`;
    url = u.toString();
  }
  const db = await createDb(url);
  return { provider, url, db, close: () => db.$disconnect() };
}
