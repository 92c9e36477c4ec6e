/** A small reader for iCalendar text, enough to check a feed's structure in tests (RFC 5545 3.1). */
export interface ICalComponent {
  name: string;
  props: Record<string, { params: string; value: string }>;
  children: ICalComponent[];
}

export function parseICal(text: string): ICalComponent {
  expect(text.split("\r\n").every((line) => Buffer.byteLength(line) <= 75)).toBe(true);
  const lines = text
    .replace(/\r\n[ \t]/g, "")
    .split("\r\n")
    .filter(Boolean);
  const root: ICalComponent = { name: "", props: {}, children: [] };
  const stack = [root];
  for (const line of lines) {
    const colon = line.indexOf(":");
    const [name, ...params] = line.slice(0, colon).split(";");
    const value = line.slice(colon + 1);
    const top = stack[stack.length - 1]!;
    if (name === "BEGIN") {
      const child: ICalComponent = { name: value, props: {}, children: [] };
      top.children.push(child);
      stack.push(child);
    } else if (name === "END") {
      expect(top.name).toBe(value);
      stack.pop();
    } else {
      top.props[name!] = { params: params.join(";"), value };
    }
  }
  expect(stack).toHaveLength(1);
  expect(root.children).toHaveLength(1);
  return root.children[0]!;
}
