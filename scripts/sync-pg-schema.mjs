// Derives prisma/postgres/schema.prisma from prisma/schema.prisma, the only hand-edited schema.
// Only the provider and the client's output folder differ; `--check` fails when the copy is stale.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";

const src = readFileSync("prisma/schema.prisma", "utf8");
const out = src
  .replace(/provider\s*=\s*"sqlite"/, 'provider = "postgresql"')
  .replace(/output(\s*)=\s*"\.\.\/src\/generated\/sqlite"/, 'output$1= "../../src/generated/postgres"');
if (out === src || !out.includes('"postgresql"') || !out.includes("generated/postgres")) {
  throw new Error("sync-pg-schema: provider or output line not found in prisma/schema.prisma");
}
const next = `// GENERATED from prisma/schema.prisma by scripts/sync-pg-schema.mjs. DO NOT EDIT.\n${out}`;
let prev = "";
try {
  prev = readFileSync("prisma/postgres/schema.prisma", "utf8");
} catch {
  /* first run */
}
if (process.argv.includes("--check")) {
  if (prev !== next) {
    console.error("prisma/postgres/schema.prisma is stale: run npm run db:sync");
    process.exit(1);
  }
} else if (prev !== next) {
  mkdirSync("prisma/postgres", { recursive: true });
  writeFileSync("prisma/postgres/schema.prisma", next);
}
