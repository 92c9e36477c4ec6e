import type { ModalView } from "@slack/types";
import { deliverableModal, parseDeliverable } from "../../src/views/deliverable-modal";
import { eventModal, parseEvent } from "../../src/views/event-modal";
import { membershipModal, parseMembership } from "../../src/views/membership-modal";
import type { Parsed, StateValues } from "../../src/views/modal-kit";
import { parseTopic, topicModal } from "../../src/views/topic-modal";
import { validateView } from "../../src/local-slack";
import { submittedState } from "../helpers/modal-state";

const event = eventModal({ programmes: [{ id: "p1", name: "CoP 2021-2022" }], zone: "America/Chicago" });
const membership = membershipModal();
const topic = topicModal();
const deliverable = deliverableModal({ groups: [{ id: "g1", name: "Got Justice?" }] });

describe.each<[string, ModalView]>([
  ["event", event],
  ["membership application", membership],
  ["topic suggestion", topic],
  ["deliverable", deliverable],
])("the %s modal", (_name, view) => {
  it("passes Slack's Block Kit checks, warnings included", () => {
    expect(validateView(view, { expectedType: "modal" })).toEqual([]);
  });
});

const parses =
  <T>(parse: (values: StateValues) => Parsed<T>, view: ModalView) =>
  (values: Record<string, unknown>) =>
    parse(submittedState(view, values));

describe("an event submission", () => {
  const parse = parses((v) => parseEvent(v, event.private_metadata, "America/New_York"), event);
  const good = {
    programme: "p1",
    title: "Family Literacy Night",
    description: "Hosted at our school.",
    date: "2021-11-18",
    time: "18:30",
    duration: "90",
    format: "VIRTUAL",
  };

  it("reads the date and time in the submitter's zone, preselecting the only programme, an hour and virtual", () => {
    expect(parse({ title: "Family Literacy Night", description: "Hosted at our school.", date: "2021-11-18", time: "18:30" })).toEqual({
      ok: true,
      value: {
        programme: "p1",
        title: "Family Literacy Night",
        description: "Hosted at our school.",
        date: "2021-11-18",
        time: "18:30",
        duration: 60,
        format: "VIRTUAL",
        zone: "America/Chicago",
      },
    });
  });

  it.each<[string, Record<string, unknown>, Record<string, string>]>([
    ["in person without a place", { ...good, format: "IN_PERSON" }, { location: "Say where an in-person event takes place." }],
    [
      "a link that is not a web address",
      { ...good, link: "javascript:alert(1)" },
      { link: "The link must start with https:// (or http://)." },
    ],
    [
      "a forged length",
      { ...good, duration: { type: "static_select", selected_option: { value: "7" } } },
      { duration: "Choose how long the event lasts." },
    ],
    [
      "nothing filled in",
      { duration: null, format: null, programme: null },
      {
        programme: "Choose the programme the event belongs to.",
        title: "Give the event a title.",
        description: "Describe the event in a sentence or two.",
        date: "Pick the date of the event.",
        time: "Pick the time the event starts.",
        duration: "Choose how long the event lasts.",
        format: "Choose virtual or in person.",
      },
    ],
  ])("%s: each problem on its own field", (_label, values, errors) => {
    expect(parse(values)).toEqual({ ok: false, errors });
  });
});

describe("a membership application", () => {
  const parse = parses(parseMembership, membership);
  it("lists the domains once each, in lowercase, whatever the separators", () => {
    const parsed = parse({
      organization: "KIPP Kansas City",
      domains: "KIPPKC.org, @kippkc.org;  kansascity.kipp.org",
      about: "We run three schools.",
    });
    expect(parsed).toMatchObject({ ok: true, value: { domains: ["kippkc.org", "kansascity.kipp.org"] } });
  });

  it.each([
    ["https://kippkc.org", "Write each domain like prospectschools.org (no https://, no @)."],
    ["kippkc", "Write each domain like prospectschools.org (no https://, no @)."],
    [" , ", "List at least one email domain, such as prospectschools.org."],
  ])("refuses %j as a domain", (domains, message) => {
    expect(parse({ organization: "KIPP", domains, about: "x" })).toEqual({ ok: false, errors: { domains: message } });
  });
});

describe("a topic suggestion", () => {
  const parse = parses(parseTopic, topic);
  it("needs a few words, details are optional", () => {
    expect(parse({ title: "Teacher retention" })).toEqual({ ok: true, value: { title: "Teacher retention" } });
    expect(parse({ title: "AI" })).toEqual({ ok: false, errors: { title: "Name the topic in a few words." } });
  });
});

describe("a deliverable", () => {
  const parse = parses(parseDeliverable, deliverable);
  it("needs a kind and a web link", () => {
    expect(parse({ title: "Restorative circles toolkit", kind: "TOOLKIT", link: "https://example.org/toolkit" })).toEqual({
      ok: true,
      value: { group: "g1", title: "Restorative circles toolkit", kind: "TOOLKIT", link: "https://example.org/toolkit" },
    });
    expect(parse({ title: "Toolkit", kind: null, link: "ftp://example.org/x" })).toEqual({
      ok: false,
      errors: { kind: "Choose what kind of resource it is.", link: "The link must start with https:// (or http://)." },
    });
  });
});
