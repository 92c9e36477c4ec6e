import { readFileSync } from "node:fs";
import path from "node:path";
import { schemaCommand } from "../../src/cli/commands/schema";
import type { CliContext } from "../../src/cli/command";

describe("docs/programme.schema.json", () => {
  it("is what `npm run convene -- schema` prints (regenerate it when this fails)", async () => {
    const lines: string[] = [];
    // The command needs no database: only its output is given.
    const context = { out: (line: string) => void lines.push(line) } as Partial<CliContext> as CliContext;
    const code = await schemaCommand.run(context, { positionals: [], values: {} });
    expect(code).toBe(0);
    const committed = readFileSync(path.join(__dirname, "..", "..", "docs", "programme.schema.json"), "utf8");
    expect(`${lines.join("\n")}\n`).toBe(committed);
  });

  it("describes the programme file strictly: unknown keys are not allowed", () => {
    const schema = JSON.parse(readFileSync(path.join(__dirname, "..", "..", "docs", "programme.schema.json"), "utf8"));
    expect(schema.additionalProperties).toBe(false);
    expect(schema.required).toEqual(["slug", "name", "kind", "timezone"]);
    expect(schema.properties.sessions.items.additionalProperties).toBe(false);
  });
});
