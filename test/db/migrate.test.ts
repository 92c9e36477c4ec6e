import pino from "pino";
import { ping } from "../../src/db/client";
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
    expect(await migrate(t.db, t.url, pino({ level: "silent" }))).toEqual([]);
    expect(await ping(t.db)).toBe(true);
  });

  it("refuses a second organization with the same name key", async () => {
    await t.db.organization.create({ data: { name: "Prospect Schools", nameKey: "prospect schools" } });
    await expect(t.db.organization.create({ data: { name: "PROSPECT SCHOOLS", nameKey: "prospect schools" } })).rejects.toThrow(
      /Unique constraint/,
    );
    expect(await t.db.organization.count()).toBe(1);
  });
});
