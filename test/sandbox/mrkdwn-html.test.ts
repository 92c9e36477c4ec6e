import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { renderMrkdwn, renderText, type RenderContext } from "../../src/sandbox/block-kit-html";
import { formatDateTokens } from "../../src/sandbox/date-tokens";
import { mrkdwnPlainText } from "../../src/sandbox/mrkdwn-html";
import { escapeMrkdwn } from "../../src/views/message";
import { slackDate } from "../../src/views/slack-date";
import { one, parse, query, text } from "./block-kit-html-probe";

const PEOPLE: Record<string, string> = { U0ANA: "Ana Ruiz", U0SAM: "Sam Lee" };
const CHANNELS: Record<string, string> = { C0WG: "wg-energy" };

const ctx = (tz = "America/Chicago", now?: Date): RenderContext => ({
  tz,
  now,
  userName: (id) => PEOPLE[id],
  channelName: (id) => CHANNELS[id],
  users: Object.entries(PEOPLE).map(([id, name]) => ({ id, name })),
});
const html = (mrkdwn: string, c = ctx()) => renderMrkdwn(mrkdwn, c);
const shown = (mrkdwn: string, c = ctx()) => text(html(mrkdwn, c));

/** Monday, March 14, 2022, 20:00 UTC: 3:00 PM in Chicago (CDT), 9:00 PM in Paris, 5:00 AM Tuesday in Tokyo. */
const SESSION = new Date("2022-03-14T20:00:00Z");
const UNIX = SESSION.getTime() / 1000;

describe("mrkdwn formatting", () => {
  it.each([
    ["*bold*", "<b>bold</b>"],
    ["_italic_", "<i>italic</i>"],
    ["~struck~", "<s>struck</s>"],
    ["*bold _and italic_*", "<b>bold <i>and italic</i></b>"],
    ["`npm start`", '<code class="bk-code">npm start</code>'],
    ["`*not bold*`", '<code class="bk-code">*not bold*</code>'],
    ["line one\nline two", "line one<br>line two"],
  ])("%j renders as %s", (source, expected) => {
    expect(html(source)).toBe(expected);
  });

  it("leaves markers alone inside words and around spaces, as Slack does", () => {
    expect(html("snake_case_name and 2*3*4 and * not bold * and a_b")).toBe("snake_case_name and 2*3*4 and * not bold * and a_b");
  });

  it("does not carry emphasis across lines", () => {
    expect(html("*one\ntwo*")).toBe("*one<br>two*");
  });

  it("renders code blocks verbatim, without the newlines around them", () => {
    const out = html("*Agenda*\n```\n1. *Check-in*\n2. <tuning>\n```\nafter");
    expect(out).toBe('<b>Agenda</b><pre class="bk-pre">1. *Check-in*\n2. tuning</pre>after');
  });

  it("quotes lines that start with >, and everything after >>>", () => {
    expect(html(">Bring a sample\n>and a pen\nThen this")).toBe(
      '<blockquote class="bk-quote">Bring a sample<br>and a pen</blockquote>Then this',
    );
    expect(html("Note:\n>>>one\ntwo")).toBe('Note:<blockquote class="bk-quote">one<br>two</blockquote>');
  });

  it("does not quote an escaped > (Convene escapes what people typed)", () => {
    expect(shown(escapeMrkdwn("> not a quote"))).toBe("> not a quote");
    expect(html(escapeMrkdwn("> not a quote"))).not.toContain("blockquote");
  });

  it("keeps bullet lines as lines, with a hanging indent", () => {
    const out = html("*Colleagues*\n• <@U0ANA>: signed up\n• <@U0SAM>: on the waitlist (number 1)");
    expect(query(out, "span", { class: "bk-li" }).map((el) => text(el.inner))).toEqual([
      "• @Ana Ruiz: signed up",
      "• @Sam Lee: on the waitlist (number 1)",
    ]);
  });

  it("shows Slack's escaped characters as the characters", () => {
    expect(shown("Protocol &lt;tuning&gt; &amp; more &amp;lt;")).toBe("Protocol <tuning> & more &lt;");
  });
});

describe("links and mentions", () => {
  it("links <url|text>, <url> and mailto, opening in a new tab", () => {
    const out = html(
      "<https://zoom.example/j/1?a=1&amp;b=2|Meeting link> or <https://example.org/a_b_c> or <mailto:staff@example.org|write to us> or <mailto:ana@example.org>",
    );
    expect(query(out, "a").map((a) => [a.attrs.href, text(a.inner), a.attrs.target, a.attrs.rel])).toEqual([
      ["https://zoom.example/j/1?a=1&b=2", "Meeting link", "_blank", "noopener noreferrer"],
      ["https://example.org/a_b_c", "https://example.org/a_b_c", "_blank", "noopener noreferrer"],
      ["mailto:staff@example.org", "write to us", "_blank", "noopener noreferrer"],
      ["mailto:ana@example.org", "ana@example.org", "_blank", "noopener noreferrer"],
    ]);
  });

  it("links a bare address, leaving the sentence's full stop outside", () => {
    const out = html("See https://convene.example.org/calendar/t_1.ics.");
    expect(one(out, "a").attrs.href).toBe("https://convene.example.org/calendar/t_1.ics");
    expect(text(out)).toBe("See https://convene.example.org/calendar/t_1.ics.");
  });

  it.each([
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "data:text/html,<b>x</b>",
    "/relative",
    "//evil.example",
    "java\tscript:alert(1)",
    "vbscript:x",
  ])("never links %j", (url) => {
    const out = html(`<${escapeMrkdwn(url)}|click me>`);
    expect(query(out, "a")).toEqual([]);
    expect(text(out)).toBe("click me");
  });

  it("names people and channels from the context, falling back to the label or the id", () => {
    const out = html("<@U0ANA> and <@U0NOBODY> and <@U0OLD|old name> in <#C0WG> and <#C0GONE|archived-group> and <#C0X>");
    expect(text(out)).toBe("@Ana Ruiz and @U0NOBODY and @old name in #wg-energy and #archived-group and #C0X");
    expect(query(out, "span", { class: "bk-mention" }).map((s) => s.attrs["data-user-id"])).toEqual(["U0ANA", "U0NOBODY", "U0OLD"]);
    expect(query(out, "span", { class: "bk-channel" }).map((s) => s.attrs["data-channel-id"])).toEqual(["C0WG", "C0GONE", "C0X"]);
  });

  it("shows @here, @channel, @everyone and user groups", () => {
    expect(shown("<!here> <!channel> <!everyone|everyone> <!subteam^S0STAFF|@staff>")).toBe("@here @channel @everyone @staff");
    expect(query(html("<!here>"), "span", { class: "bk-mention bk-broadcast" })).toHaveLength(1);
  });
});

describe("dates in the reader's zone", () => {
  const token = (format: string, link?: string) =>
    `<!date^${UNIX}^${format}${link ? `^${link}` : ""}|Monday, March 14, 2022 at 3:00 PM CDT>`;

  it.each([
    ["{date_num}", "2022-03-14"],
    ["{date_slash}", "14/03/2022"],
    ["{date}", "March 14th"],
    ["{date_short}", "Mar 14, 2022"],
    ["{date_long}", "Monday, March 14th, 2022"],
    ["{date_long_full}", "March 14, 2022"],
    ["{date_pretty}", "March 14th"],
    ["{date_short_pretty}", "Mar 14, 2022"],
    ["{date_long_pretty}", "Monday, March 14th, 2022"],
    ["{day_divider_pretty}", "Monday, March 14th"],
    ["{time}", "3:00 PM"],
    ["{time_secs}", "3:00:00 PM"],
    ["{ago}", "in 2 months"],
    ["Posted {date_num} {time_secs}", "Posted 2022-03-14 3:00:00 PM"],
    ["{nonsense} at {time}", "{nonsense} at 3:00 PM"],
  ])("%s reads %j in Chicago weeks before", (format, expected) => {
    expect(shown(token(format), ctx("America/Chicago", new Date("2022-01-10T12:00:00Z")))).toBe(expected);
  });

  it("adds the year to {date} and {day_divider_pretty} outside the current year", () => {
    const lastYear = ctx("America/Chicago", new Date("2021-12-01T12:00:00Z"));
    expect(shown(token("{date} / {day_divider_pretty}"), lastYear)).toBe("March 14th, 2022 / Monday, March 14th, 2022");
  });

  it("gives two readers in different zones their own local time for the same message", () => {
    const message = `:calendar: ${slackDate(SESSION, "{date_long_pretty} at {time}", "America/Chicago")} – ${slackDate(new Date("2022-03-14T21:30:00Z"), "{time}", "America/Chicago")}`;
    const before = new Date("2022-03-01T12:00:00Z");
    expect(shown(message, ctx("America/Chicago", before))).toBe("📆 Monday, March 14th, 2022 at 3:00 PM – 4:30 PM");
    expect(shown(message, ctx("Europe/Paris", before))).toBe("📆 Monday, March 14th, 2022 at 9:00 PM – 10:30 PM");
    expect(shown(message, ctx("Asia/Tokyo", before))).toBe("📆 Tuesday, March 15th, 2022 at 5:00 AM – 6:30 AM");
  });

  it("says today, tomorrow or yesterday by the reader's own calendar", () => {
    const now = new Date("2022-03-14T14:00:00Z"); // 9 AM in Chicago, 11 PM in Tokyo
    expect(shown(token("{date_short_pretty} at {time}"), ctx("America/Chicago", now))).toBe("Today at 3:00 PM");
    expect(shown(token("{date_short_pretty} at {time}"), ctx("Asia/Tokyo", now))).toBe("Tomorrow at 5:00 AM");
    expect(shown(token("{date_long_pretty}"), ctx("America/Chicago", new Date("2022-03-15T18:00:00Z")))).toBe("Yesterday");
    expect(shown(token("due {date_pretty} at {time}"), ctx("America/Chicago", now))).toBe("due today at 3:00 PM");
    expect(shown(token("{ago}"), ctx("America/Chicago", now))).toBe("in 6 hours");
    expect(shown(token("{ago}"), ctx("America/Chicago", new Date("2022-03-14T20:00:30Z")))).toBe("just now");
  });

  it("wraps the date in <time> with the moment and a full tooltip in the reader's zone", () => {
    const time = one(html(token("{date_short} at {time}"), ctx("America/Chicago")), "time");
    expect(time.attrs).toEqual({ class: "bk-date", datetime: "2022-03-14T15:00:00-05:00", title: "Monday, March 14, 2022 at 3:00 PM CDT" });
    expect(one(html(token("{time}"), ctx("Europe/Paris")), "time").attrs.title).toBe("Monday, March 14, 2022 at 9:00 PM GMT+1");
  });

  it("links the date when the token carries a web link, and only then", () => {
    const linked = html(token("{date_short}", "https://convene.example.org/s/1?a=1&amp;b=2"));
    expect(one(linked, "a").attrs.href).toBe("https://convene.example.org/s/1?a=1&b=2");
    expect(text(linked)).toBe("Mar 14, 2022");
    expect(query(html(token("{date_short}", "javascript:alert(1)")), "a")).toEqual([]);
  });

  it("shows the fallback when the timestamp is not one", () => {
    expect(html("<!date^soon^{date}|Monday &amp; after>")).toBe("Monday &amp; after");
  });

  it("reads an unknown zone as UTC rather than failing", () => {
    expect(shown(token("{time}"), ctx("Mars/Olympus_Mons"))).toBe("8:00 PM");
    expect(formatDateTokens(SESSION, "{time}", "", SESSION)).toBe("8:00 PM");
  });
});

describe("emoji", () => {
  const src = path.join(__dirname, "..", "..", "src");
  const files = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => {
      const p = path.join(dir, name);
      return statSync(p).isDirectory() ? files(p) : p.endsWith(".ts") ? [p] : [];
    });
  // A shortcode as Convene writes one in a message: after a quote, backtick or space, before a space or *.
  const used = [
    ...new Set(
      ["views", "slack", "services"]
        .flatMap((dir) => files(path.join(src, dir)))
        .flatMap((file) => [...readFileSync(file, "utf8").matchAll(/(?:^|[^a-z0-9_:])(:[a-z0-9_+-]+:)(?=[ *"]|$)/gm)].map((m) => m[1]!)),
    ),
  ].sort();

  it("finds the emoji Convene uses", () => {
    expect(used).toEqual(
      expect.arrayContaining([":wave:", ":calendar:", ":warning:", ":white_check_mark:", ":tada:", ":hourglass_flowing_sand:"]),
    );
  });

  it("shows every emoji Convene uses as its glyph", () => {
    const unknown = used.filter((code) => text(html(code)) === code);
    expect(unknown).toEqual([]);
  });

  it.each([
    [":wave: Hello", "👋 Hello"],
    [":calendar: :spiral_calendar_pad: :memo: :link: :round_pushpin:", "📆 🗓️ 📝 🔗 📍"],
    [":busts_in_silhouette: :bell: :x: :tada:", "👥 🔔 ❌ 🎉"],
    [":white_check_mark: done", "✅ done"],
    [":party_parrot: stays", ":party_parrot: stays"],
    ["at 10:30:45", "at 10:30:45"],
    ["`:wave:` in code", ":wave: in code"],
  ])("%j reads %j", (source, expected) => {
    expect(shown(source)).toBe(expected);
  });

  it("does not read the underscores of an emoji name as italics", () => {
    expect(html("_:white_check_mark: saved_")).toBe('<i><span class="bk-emoji" title=":white_check_mark:">✅</span> saved</i>');
  });
});

describe("text objects", () => {
  it("escapes plain_text, keeps its newlines and converts emoji unless emoji is false", () => {
    expect(renderText({ type: "plain_text", text: "Going (4) :tada:\n<b>&amp;</b>" }, ctx())).toBe(
      "Going (4) 🎉<br>&lt;b&gt;&amp;amp;&lt;/b&gt;",
    );
    expect(renderText({ type: "plain_text", text: ":tada: *not bold*", emoji: false }, ctx())).toBe(":tada: *not bold*");
  });

  it("renders mrkdwn text objects as mrkdwn", () => {
    expect(renderText({ type: "mrkdwn", text: "*Reminder* for <@U0ANA>" }, ctx())).toBe(
      '<b>Reminder</b> for <span class="bk-mention" data-user-id="U0ANA">@Ana Ruiz</span>',
    );
  });

  it("reads mrkdwn as plain text for dialogs", () => {
    expect(mrkdwnPlainText("Convene creates the group *Grading &lt;for&gt; equity* with <#C0WG>\n:tada:", ctx())).toBe(
      "Convene creates the group Grading <for> equity with #wg-energy\n🎉",
    );
  });
});

describe("hostile text", () => {
  const hostile = [
    `<img src=x onerror=alert(1)>`,
    `&lt;script&gt;alert(1)&lt;/script&gt;`,
    `<https://x.example/" onmouseover="alert(1)|hover me>`,
    `<https://x.example/'><script>alert(1)</script>|x>`,
    `<@U0ANA|"><script>alert(1)</script>>`,
    `<!date^${UNIX}^{time}" onclick="alert(1)^https://x.example/"><b>|"><script>>`,
    "```</pre><script>alert(1)</script>```",
    "`</code><script>`",
    "*</b><script>*",
    "\uE0000\uE001 placeholder lookalikes \uE000",
  ];

  it.each(hostile)("%j adds no markup of its own", (source) => {
    const out = html(source);
    const tags = parse(out);
    expect(
      tags.map((t) => t.tag).filter((t) => !["a", "b", "i", "s", "code", "pre", "blockquote", "span", "time", "br"].includes(t)),
    ).toEqual([]);
    expect(tags.flatMap((t) => Object.keys(t.attrs)).filter((name) => name.startsWith("on"))).toEqual([]);
    for (const a of query(out, "a")) expect(a.attrs.href).toMatch(/^(https?:\/\/|mailto:)/);
  });

  it("keeps hostile text visible as text", () => {
    expect(shown("&lt;script&gt;alert(1)&lt;/script&gt;")).toBe("<script>alert(1)</script>");
    expect(shown("<img src=x onerror=alert(1)>")).toBe("img src=x onerror=alert(1)");
  });

  it("never produces markup from any input (property)", () => {
    const alphabet = fc.constantFrom(
      ..."<>&;\"'*_~`:|@#!^\n abc/.=htps".split(""),
      "https://",
      "<!date^1647288000^",
      "{time}",
      "mailto:",
      "javascript:",
      "&amp;",
      "&lt;",
      "```",
      ">>>",
    );
    fc.assert(
      fc.property(
        fc.array(alphabet, { maxLength: 60 }).map((parts) => parts.join("")),
        (source) => {
          const out = html(source);
          const tags = parse(out); // throws on unbalanced tags or a raw < or > in text
          expect(tags.every((t) => ["a", "b", "i", "s", "code", "pre", "blockquote", "span", "time", "br"].includes(t.tag))).toBe(true);
          for (const a of tags.filter((t) => t.tag === "a")) expect(a.attrs.href).toMatch(/^(https?:\/\/|mailto:)/);
        },
      ),
      { numRuns: 500 },
    );
  });
});
