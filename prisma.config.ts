// Prisma CLI configuration for the embedded SQLite database (the app itself never reads this file).
import path from "node:path";

// The schema's url = env("DATABASE_URL") must resolve, or the CLI falls back to the native
// library engine and tries to download it, which fails offline.
process.env.DATABASE_URL ??= "file:./data/convene.db";
import { defineConfig } from "prisma/config";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";

// Prisma 6.19.3 replays migration.sql through executeRaw(), which better-sqlite3 prepares as ONE
// statement. Parameterless raw SQL goes through executeScript() (multi-statement) instead, which
// is what `migrate diff --from-migrations` needs for its shadow database.
type Conn = Awaited<ReturnType<PrismaBetterSQLite3["connect"]>>;
function multiStatementRaw(conn: Conn): Conn {
  const executeRaw = conn.executeRaw.bind(conn);
  conn.executeRaw = async (query) => {
    if (query.args.length > 0) return executeRaw(query);
    await conn.executeScript(query.sql);
    return 0;
  };
  return conn;
}
class SqliteForCli extends PrismaBetterSQLite3 {
  override async connect() { return multiStatementRaw(await super.connect()); }
  override async connectToShadowDb() { return multiStatementRaw(await super.connectToShadowDb()); }
}

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join("prisma", "schema.prisma"),
  async adapter() {
    return new SqliteForCli({ url: process.env.DATABASE_URL! });
  },
});
