// Runs before `npm start` and `npm run convene`: regenerates the Prisma clients when the schema is
// newer than them (or they are missing), then compiles. Migrations are applied by Convene itself.
import { execSync } from "node:child_process";
import { existsSync, statSync } from "node:fs";

const generated = "src/generated/sqlite/client.ts";
if (!existsSync(generated) || statSync("prisma/schema.prisma").mtimeMs > statSync(generated).mtimeMs) {
  execSync("npm run -s db:generate", { stdio: ["ignore", "ignore", "inherit"] });
}
execSync("npx tsc -p tsconfig.build.json", { stdio: "inherit" });
