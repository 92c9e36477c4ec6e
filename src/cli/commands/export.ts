import { writeFile } from "node:fs/promises";
import { UserError } from "../../errors";
import { exportProgramme } from "../../services/programme-service";
import type { CliCommand } from "../command";

export const exportCommand: CliCommand = {
  name: "export",
  summary: "Write a programme back as a programme file (YAML) that imports with no changes",
  usage: "npm run convene -- export SLUG [--out FILE]",
  options: { out: { type: "string" } },
  async run({ db, out }, { positionals, values }) {
    const [slug] = positionals;
    if (!slug || positionals.length > 1) {
      out(`usage: ${exportCommand.usage}`);
      return 2;
    }
    let text: string;
    try {
      text = await exportProgramme(db, slug);
    } catch (err) {
      if (!(err instanceof UserError)) throw err;
      out(err.message);
      return 1;
    }
    if (typeof values.out === "string") {
      await writeFile(values.out, text, "utf8");
      out(`Wrote ${values.out}.`);
    } else {
      out(text.replace(/\n$/, ""));
    }
    return 0;
  },
};
