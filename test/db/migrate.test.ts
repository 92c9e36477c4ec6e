import pino from "pino";
import { createDb, ping } from "../../src/db/client";
import { migrate, pendingMigrations } from "../../src/db/migrate";
import { openTestDb, providers, type TestDb } from "../helpers/databases";

describe.each(providers)("database on %s", (provider) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await openTestDb(provider);
  });
  afterAll(() => t.close());

  it("has every committed migration applied, so start-up has nothing to do", async () => {
    expect(await pendingMigrations(t.db, t.url)).toEqual([]);
    expect(await migrate(t.url, pino({ level: "silent" }))).toEqual([]);
    expect(await ping(t.db)).toBe(true);
  });

  it("migrates a new, empty database at start-up, and only once", async () => {
    const logger = pino({ level: "silent" });
    const empty = await openTestDb(provider, { empty: true });
    expect(await pendingMigrations(empty.db, empty.url)).not.toEqual([]);
    await empty.close(); // Prisma's migrate engine waits out an open SQLite connection, as at start-up

    expect((await migrate(empty.url, logger)).length).toBeGreaterThan(0);
    expect(await migrate(empty.url, logger)).toEqual([]);
    const db = await createDb(empty.url);
    try {
      expect(await pendingMigrations(db, empty.url)).toEqual([]);
      expect(await db.programme.count()).toBe(0);
    } finally {
      await db.$disconnect();
    }
  }, 60000);

  it("refuses a second organization with the same name key", async () => {
    await t.db.organization.create({ data: { name: "Prospect Schools", nameKey: "prospect schools" } });
    await expect(t.db.organization.create({ data: { name: "PROSPECT SCHOOLS", nameKey: "prospect schools" } })).rejects.toThrow(
      /Unique constraint/,
    );
    expect(await t.db.organization.count()).toBe(1);
  });
});
