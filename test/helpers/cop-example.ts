import { readFileSync } from "node:fs";
import path from "node:path";
import type { Db } from "../../src/db/client";
import { importProgramme } from "../../src/services/programme-service";

/** examples/cop-2021-2022.yaml as shipped. */
export const COP_EXAMPLE = readFileSync(path.join(__dirname, "..", "..", "examples", "cop-2021-2022.yaml"), "utf8");

/** The example's facilitators, each given a Slack account (the file names them only). */
export const COP_FACILITATORS = {
  "Dwight Thomas": "U0DWIGHT01",
  "Aqua Stovall": "U0AQUA0001",
  "A’Seret Dokubo": "U0ASERET01",
  "Kevin Bryant": "U0KEVIN001",
  "Ron Rapatalo": "U0RON00001",
  "Sahba Rohani": "U0SAHBA001",
} as const;

/** The example with a `slack:` user id under each facilitator. */
export function copWithSlackIds(text = COP_EXAMPLE): string {
  let out = text;
  for (const [name, id] of Object.entries(COP_FACILITATORS))
    out = out.replace(`- name: ${name}\n`, `- name: ${name}\n        slack: ${id}\n`);
  return out;
}

/** Imports the example (with facilitators' Slack ids) the way `npm run convene -- import` does. */
export async function importCop(db: Db, now = new Date()): Promise<void> {
  const result = await importProgramme(db, copWithSlackIds(), { now });
  if (!result.ok) throw new Error(result.errors.map((e) => e.message).join("\n"));
}
