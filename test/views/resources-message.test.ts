import { resourcesMessage } from "../../src/views/resources-message";
import { validateMessageBlocks } from "../../src/local-slack";

const resources = [
  {
    title: "Restorative circles | a toolkit",
    kind: "TOOLKIT" as const,
    url: "https://example.org/toolkit",
    summary: "For deans <and> coaches.",
    groupName: "Got Justice?",
    year: "2021-2022",
  },
  {
    title: "Hiring for equity",
    kind: "WEBINAR" as const,
    url: "https://example.org/webinar",
    summary: "",
    groupName: "Disrupt Bias",
    year: "2021-2022",
  },
  {
    title: "Trauma-informed Tier 1",
    kind: "PODCAST" as const,
    url: "https://example.org/podcast",
    summary: "",
    groupName: null,
    year: "2020-2021",
  },
];

describe("the resource library", () => {
  it("groups resources by school year, newest first, each linked with its kind and group", () => {
    const m = resourcesMessage(resources, { total: 3 });
    const text = JSON.stringify(m.blocks);
    expect(text.indexOf("*2021-2022*")).toBeLessThan(text.indexOf("*2020-2021*"));
    expect(text).toContain(
      "<https://example.org/toolkit|Restorative circles ¦ a toolkit>  _Toolkit_ · Got Justice?\\nFor deans &lt;and&gt; coaches.",
    );
    expect(text).toContain("<https://example.org/podcast|Trauma-informed Tier 1>  _Podcast_");
    expect(validateMessageBlocks(m.blocks)).toEqual([]);
  });

  it("says how to narrow a long list, and when a year has nothing", () => {
    expect(JSON.stringify(resourcesMessage(resources, { total: 120 }))).toContain("Showing the newest 3 of 120.");
    expect(resourcesMessage([], { year: "2019-2020", total: 0 }).text).toBe("No resources from 2019-2020 yet.");
  });
});
