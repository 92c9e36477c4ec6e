import { programmeJsonSchema } from "../../domain/programme-file";
import type { CliCommand } from "../command";

/** The committed docs/programme.schema.json is this command's output; a test keeps them equal. */
export const schemaCommand: CliCommand = {
  name: "schema",
  summary: "Print the JSON Schema of programme files (docs/programme.schema.json)",
  usage: "npm run convene -- schema > docs/programme.schema.json",
  async run({ out }) {
    out(JSON.stringify(programmeJsonSchema(), null, 2));
    return 0;
  },
};
