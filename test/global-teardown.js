// Drops this run's PostgreSQL databases and SQLite files.
const fs = require("node:fs");
const path = require("node:path");
const { Client } = require("pg");

module.exports = async () => {
  const run = process.env.CONVENE_TEST_RUN;
  if (!run) return;
  const dir = path.join(__dirname, "..", ".tmp");
  for (const f of fs.existsSync(dir) ? fs.readdirSync(dir) : []) {
    if (f.includes(run)) fs.rmSync(path.join(dir, f), { force: true, recursive: true });
  }
  const client = new Client({ connectionString: process.env.TEST_PG_ADMIN_URL });
  await client.connect();
  const { rows } = await client.query("SELECT datname FROM pg_database WHERE datname LIKE $1", [`convene_%${run}%`]);
  for (const { datname } of rows) await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  await client.end();
};
