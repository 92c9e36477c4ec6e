/**
 * The report's charts as PNG images, drawn on the server with no browser: Apache ECharts renders
 * SVG without a DOM (its server-side mode), resvg turns it into PNG with the DejaVu font that
 * ships as a package (a slim container has no system fonts). Each comes with alt text that says
 * what it shows. Pure apart from reading the font files.
 */
import { DateTime } from "luxon";
import type { ParticipationReport } from "../domain/participation-report";

export const CHART_WIDTH = 1200;
export const CHART_HEIGHT = 600;
/** Lines on the attendance chart; more would not be told apart. */
const GROUP_LINES = 8;
const ORGANIZATION_BARS = 15;
/** Slack's limit for a file's alt text. */
const ALT_TEXT_MAX = 1000;

export interface Chart {
  png: Buffer;
  altText: string;
  title: string;
}

/** Condensed: its widths are close to those ECharts assumes when it lays text out without a canvas. */
const FONT = "DejaVu Sans Condensed";
const fontFiles = () =>
  ["DejaVuSansCondensed.ttf", "DejaVuSansCondensed-Bold.ttf"].map((f) => require.resolve(`dejavu-fonts-ttf/ttf/${f}`));

async function render(option: Record<string, unknown>): Promise<Buffer> {
  // Loaded on first use: neither is needed to start Convene.
  const echarts = await import("echarts");
  const { Resvg } = await import("@resvg/resvg-js");
  const chart = echarts.init(null, null, { renderer: "svg", ssr: true, width: CHART_WIDTH, height: CHART_HEIGHT });
  try {
    chart.setOption({ animation: false, backgroundColor: "#ffffff", textStyle: { fontFamily: FONT }, ...option });
    const svg = chart.renderToSVGString();
    return new Resvg(svg, {
      font: { fontFiles: fontFiles(), loadSystemFonts: false, defaultFontFamily: FONT },
      fitTo: { mode: "original" },
    })
      .render()
      .asPng();
  } finally {
    chart.dispose();
  }
}

const count = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const clipText = (s: string) => (s.length <= ALT_TEXT_MAX ? s : `${s.slice(0, ALT_TEXT_MAX - 1)}…`);
const shortName = (s: string) => (s.length <= 40 ? s : `${s.slice(0, 39)}…`);

/** Months from the first session held to the report's day, in the programme's zone. */
function months(r: ParticipationReport): DateTime[] {
  const zone = r.programme.timezone;
  const starts = r.groups.flatMap((g) => g.sessions.map((s) => s.startsAt.getTime()));
  const end = DateTime.fromJSDate(r.asOf, { zone }).startOf("month");
  let at = starts.length ? DateTime.fromMillis(Math.min(...starts), { zone }).startOf("month") : end;
  const out: DateTime[] = [];
  while (at <= end && out.length < 24) {
    out.push(at);
    at = at.plus({ months: 1 });
  }
  return out;
}

/** Attendance month by month for the most attended groups. */
export async function attendanceChart(r: ParticipationReport): Promise<Chart> {
  const axis = months(r);
  const key = (d: Date) => DateTime.fromJSDate(d, { zone: r.programme.timezone }).toFormat("yyyy-MM");
  const shown = r.groups.filter((g) => g.sessions.length > 0).slice(0, GROUP_LINES);
  const series = shown.map((g) => {
    const perMonth = new Map<string, number>();
    for (const s of g.sessions) perMonth.set(key(s.startsAt), (perMonth.get(key(s.startsAt)) ?? 0) + s.attended);
    return { name: shortName(g.name), type: "line", data: axis.map((m) => perMonth.get(m.toFormat("yyyy-MM")) ?? 0) };
  });
  const withSessions = r.groups.filter((g) => g.sessions.length > 0).length;
  const which =
    withSessions > GROUP_LINES
      ? `the ${GROUP_LINES} most attended of ${withSessions} groups`
      : `${withSessions === 1 ? "its group" : `its ${withSessions} groups`}`;
  const title = `${r.programme.name}: attendance per month, ${which}`;
  const png = await render({
    title: { text: shortName(r.programme.name), subtext: `People attending, per month: ${which}`, left: "center" },
    legend: { bottom: 10, itemGap: 20 },
    grid: { top: 80, bottom: 110, left: 60, right: 40 },
    xAxis: { type: "category", data: axis.map((m) => m.toFormat("LLL yyyy")) },
    yAxis: { type: "value", minInterval: 1, name: "attended" },
    series,
  });
  const span = axis.length ? `${axis[0]!.toFormat("LLL yyyy")} to ${axis.at(-1)!.toFormat("LLL yyyy")}` : "";
  const altText = shown.length
    ? `Line chart of people attending per month, ${span}, for ${which}. ${shown.map((g) => `${g.name}: ${g.attended} attended over ${count(g.sessions.length, "session")}`).join("; ")}.`
    : "Line chart of attendance per month: no session has been held yet, so it is empty.";
  return { png, altText: clipText(altText), title };
}

/** People signed up and sessions attended, for the organizations with the most people taking part. */
export async function participationChart(r: ParticipationReport): Promise<Chart> {
  const shown = r.organizations.filter((o) => o.people > 0 || o.attended > 0).slice(0, ORGANIZATION_BARS);
  const taking = r.organizations.filter((o) => o.people > 0 || o.attended > 0).length;
  const which =
    taking > ORGANIZATION_BARS
      ? `${ORGANIZATION_BARS} of ${taking} organizations, most people first`
      : `${taking} ${taking === 1 ? "organization" : "organizations"}`;
  const title = `${r.programme.name}: participation by organization, ${which}`;
  // Top to bottom in the chart: most people first.
  const rows = [...shown].reverse();
  const png = await render({
    title: { text: shortName(r.programme.name), subtext: `Participation by organization: ${which}`, left: "center" },
    legend: { bottom: 10, itemGap: 20 },
    grid: { top: 110, bottom: 80, left: 280, right: 60 },
    yAxis: { type: "category", data: rows.map((o) => shortName(o.name)), axisLabel: { width: 260, overflow: "truncate" } },
    xAxis: [
      { type: "value", minInterval: 1, name: "people signed up", nameLocation: "middle", nameGap: 25, position: "bottom" },
      {
        type: "value",
        minInterval: 1,
        name: "sessions attended",
        nameLocation: "middle",
        nameGap: 25,
        position: "top",
        splitLine: { show: false },
      },
    ],
    series: [
      { name: "People signed up", type: "bar", xAxisIndex: 0, data: rows.map((o) => o.people) },
      { name: "Sessions attended", type: "bar", xAxisIndex: 1, data: rows.map((o) => o.attended) },
    ],
  });
  const altText = shown.length
    ? `Bar chart of participation by organization, ${which}. ${shown.map((o) => `${o.name}: ${count(o.people, "person", "people")} signed up, ${count(o.attended, "session")} attended`).join("; ")}.`
    : "Bar chart of participation by organization: nobody has signed up yet, so it is empty.";
  return { png, altText: clipText(altText), title };
}
