// One migrated template per database per jest run; each test file clones its own copy, so files
// run in parallel without sharing rows. PostgreSQL is required: both providers are always tested.
const { execFileSync } = require("node:child_process");
const fs = require("node:fs");
const path = require("node:path");
const { Client } = require("pg");

const root = path.join(__dirname, "..");
const prisma = path.join(root, "node_modules", ".bin", "prisma");
const quiet = { PRISMA_HIDE_UPDATE_MESSAGE: "1", CHECKPOINT_DISABLE: "1" };

module.exports = async () => {
  const run = `${process.pid}_${Date.now().toString(36)}`;
  process.env.CONVENE_TEST_RUN = run;

  const dir = path.join(root, ".tmp");
  fs.mkdirSync(dir, { recursive: true });
  const template = path.join(dir, `template-${run}.db`);
  execFileSync(prisma, ["migrate", "deploy", "--config", "prisma.config.ts"], {
    cwd: root,
    stdio: "pipe",
    env: { ...process.env, ...quiet, DATABASE_URL: `file:${template}` },
  });
  process.env.CONVENE_TEST_SQLITE_TEMPLATE = template;

  const admin = process.env.TEST_PG_ADMIN_URL ?? "postgresql://postgres@127.0.0.1:5432/test";
  const name = `convene_tpl_${run}`;
  const client = new Client({ connectionString: admin });
  try {
    await client.connect();
  } catch (err) {
    throw new Error(`PostgreSQL is not reachable at ${admin} (${err.message}). Start it, or set TEST_PG_ADMIN_URL.`);
  }
  await client.query(`CREATE DATABASE "${name}"`);
  await client.end();
  const url = new URL(admin);
  url.pathname = `/${name}`;
  execFileSync(prisma, ["migrate", "deploy", "--config", "prisma.pg.config.ts"], {
    cwd: root,
    stdio: "pipe",
    env: { ...process.env, ...quiet, DATABASE_URL: url.toString() },
  });
  process.env.TEST_PG_ADMIN_URL = admin;
  process.env.CONVENE_TEST_PG_TEMPLATE = name;
};
