import { helpMessage, type HelpEntry } from "../../src/views/help-message";

const entries: HelpEntry[] = [
  { usage: "help", summary: "Show the commands you can use", staffOnly: false },
  { usage: "groups", summary: "Browse groups & join one", staffOnly: false },
  { usage: "admin groups", summary: "Create and edit groups", staffOnly: true },
];
const texts = (m: { blocks: unknown[] }) => JSON.stringify(m.blocks);

describe("help message", () => {
  it("lists every command a member may use, with its usage, and no staff section", () => {
    const m = helpMessage({ command: "/convene", entries: entries.filter((e) => !e.staffOnly), isStaff: false });
    expect(texts(m)).toContain("`/convene groups`");
    expect(texts(m)).toContain("Browse groups &amp; join one");
    expect(texts(m)).not.toContain("For coalition staff");
    expect(m.text).toBe("Commands you can use with /convene");
  });

  it("shows staff their own commands under a heading of their own", () => {
    const m = helpMessage({ command: "/convene", entries, isStaff: true });
    expect(texts(m)).toContain("*For coalition staff*\\n`/convene admin groups`");
  });

  it("answers an unknown subcommand with a suggestion before the list", () => {
    const m = helpMessage({ command: "/convene", entries, isStaff: false, unknown: { typed: "grups", suggestion: "groups" } });
    expect(m.text).toBe('/convene has no "grups" command. Did you mean /convene groups?');
    expect(JSON.stringify(m.blocks[0])).toContain("Did you mean `/convene groups`?");
    expect(m.blocks[1]).toMatchObject({ type: "header" });
  });

  it("escapes what the person typed so it cannot become a mention or link", () => {
    const m = helpMessage({ command: "/convene", entries, isStaff: false, unknown: { typed: "<!channel>" } });
    expect(texts(m)).toContain("&lt;!channel&gt;");
    expect(texts(m)).not.toContain("<!channel>");
  });
});
