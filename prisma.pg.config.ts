// Prisma CLI configuration for PostgreSQL (the app itself never reads this file).
import path from "node:path";

// See prisma.config.ts: the url must resolve or the CLI tries to download a native engine.
process.env.DATABASE_URL ??= "postgresql://postgres@127.0.0.1:5432/convene";
import { defineConfig } from "prisma/config";
import { PrismaPg } from "@prisma/adapter-pg";

// prisma/orm#27403: adapter-pg 6.19 cannot deserialize catalog columns of type name (19) and
// "char" (18) that the migration engine reads; report them as text.
const RELABEL: Record<number, number> = { 18: 25, 19: 25, 1002: 1009, 1003: 1009 };
type Conn = Awaited<ReturnType<PrismaPg["connect"]>>;
function relabel(conn: Conn): Conn {
  const c = conn as unknown as { performIO(q: unknown): Promise<{ fields?: { dataTypeID: number }[] }> };
  const performIO = c.performIO.bind(c);
  c.performIO = async (q) => {
    const res = await performIO(q);
    for (const f of res.fields ?? []) f.dataTypeID = RELABEL[f.dataTypeID] ?? f.dataTypeID;
    return res;
  };
  return conn;
}
class PgForCli extends PrismaPg {
  override async connect() { return relabel(await super.connect()); }
  override async connectToShadowDb() { return relabel(await super.connectToShadowDb()); }
}

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join("prisma", "postgres", "schema.prisma"),
  async adapter() {
    // Discrete fields, not { connectionString }: the shadow pool is { ...config, database: tmp },
    // and a connectionString would override that database and make the shadow the real one.
    const u = new URL(process.env.DATABASE_URL!);
    return new PgForCli({
      host: u.hostname,
      port: Number(u.port || 5432),
      user: decodeURIComponent(u.username),
      password: decodeURIComponent(u.password),
      database: u.pathname.slice(1),
      idleTimeoutMillis: 100,
    });
  },
});
