import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { type BrowserContext, chromium, type Page } from "playwright-core";
import { type Sandbox, startSandbox } from "../../src/sandbox/sandbox";

// The sandbox page in a real headless Chromium (Debian's), as a person uses it: a member signs up
// through the modal, a member proposes a group, staff approve it on the review card (its thread
// opens in a side pane), the member's "joined" line shows in her group's channel, the clock
// jumps to a reminder and the member says Going; the key steps again at a phone's 375px width.
// Screenshots are kept in test-artifacts/sandbox/.

const CHROMIUM = "/usr/bin/chromium";
const SHOTS = path.join(__dirname, "..", "..", "test-artifacts", "sandbox");
// This closed network refuses Chromium's own connections; these keep it from trying.
const ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

let sandbox: Sandbox;
let browser: BrowserContext;
let dir: string;

beforeAll(async () => {
  if (!existsSync(CHROMIUM))
    throw new Error(`${CHROMIUM} is missing: install Debian's chromium (apt-get install -y chromium), as .ci/run does.`);
  dir = mkdtempSync(path.join(tmpdir(), "convene-sandbox-browser-"));
  mkdirSync(SHOTS, { recursive: true });
  sandbox = await startSandbox({ port: 0, databaseFile: path.join(dir, "sandbox.db"), logLevel: "silent" });
  browser = await chromium.launchPersistentContext(path.join(dir, "chromium-profile"), {
    executablePath: CHROMIUM,
    headless: true,
    args: ARGS,
    viewport: { width: 1280, height: 800 },
  });
}, 60000);

afterAll(async () => {
  await browser?.close();
  await sandbox?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const shot = (page: Page, name: string) => page.screenshot({ path: path.join(SHOTS, `${name}.png`) });
/** The newest message (not a thread reply) that shows `text`. */
const message = (page: Page, text: string) => page.locator("#sb-messages > .sb-msg", { hasText: text }).last();
/** A reminder with its counts, not the private answer a click brings, which names the session too. */
const reminderOf = (page: Page, text: string) =>
  page
    .locator("#sb-messages > .sb-msg", { hasText: text })
    .filter({ has: page.getByRole("button", { name: /^Going \(\d+\)$/ }) })
    .last();
const modal = (page: Page) => page.locator("#sb-modal form.bk-modal");

async function type(page: Page, text: string) {
  await page.locator("#sb-composer-input").fill(text);
  await page.locator("#sb-composer-input").press("Enter");
}
async function be(page: Page, name: string) {
  const before = await page.locator("#sb-person-title").textContent();
  const value = await page.locator("#sb-person option", { hasText: name }).getAttribute("value");
  await page.locator("#sb-person").selectOption(value!);
  await page.waitForFunction((was) => document.getElementById("sb-person-title")!.textContent !== was, before);
}
/** A channel by name, or "Convene" for the DM with the app; on a phone, through the menu. */
async function openConversation(page: Page, name: string) {
  if (await page.locator("#sb-menu").isVisible()) await page.locator("#sb-menu").click();
  const nav = name === "Convene" ? page.locator("#sb-dms .sb-nav") : page.locator("#sb-channels .sb-nav", { hasText: name });
  await nav.click();
  await page.locator("#sb-title", { hasText: name === "Convene" ? "Convene" : `#${name}` }).waitFor();
}
/** Where the sidebar is: slid away to the left, or in view. */
const sidebarShown = async (page: Page) => ((await page.locator("#sb-sidebar").boundingBox())?.x ?? -1) >= 0;
/** No sideways scrolling: the page fits the phone. */
const fitsWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

it("takes a member, a proposer and staff through sign-up, proposal, approval and a reminder, on a desktop and a phone", async () => {
  const desk = await browser.newPage();
  await desk.goto(sandbox.url);
  await desk.locator("#sb-title", { hasText: "#general" }).waitFor();
  await desk.locator("#sb-clock", { hasText: "2021" }).waitFor();
  await shot(desk, "desktop-01-start");

  // A member asks for the groups and signs up through the Join button and the modal.
  await openConversation(desk, "Convene");
  await type(desk, "/convene groups");
  const groups = message(desk, "Trauma-Informed Practices to Support ALL Students");
  await groups.locator(".sb-only-you").waitFor();
  await shot(desk, "desktop-02-groups");
  await groups
    .locator(".bk-section", { hasText: "Trauma-Informed Practices" })
    .locator("xpath=following-sibling::div[contains(@class, 'bk-actions')][1]")
    .getByRole("button", { name: "Join" })
    .click();
  await modal(desk).getByText("seats left").waitFor();
  await modal(desk).getByLabel("I (and the colleagues I add) will attend all sessions").check();
  await shot(desk, "desktop-03-signup-modal");
  await modal(desk).locator('[data-role="submit"]').click();
  await modal(desk).getByText("You're signed up for").waitFor();
  await modal(desk).locator('[data-role="close"]').click();
  await modal(desk).waitFor({ state: "detached" });
  await desk.locator(".sb-nav", { hasText: "cop-trauma-informed" }).waitFor();
  await message(desk, "You signed up for").waitFor();

  // Another member proposes a group to facilitate; a field error first, then it goes through.
  await be(desk, "Maya Patel");
  await type(desk, "/convene propose");
  const proposal = modal(desk);
  await proposal.getByLabel("Group title").waitFor();
  await proposal.getByLabel("Group title").fill("Bilingual family engagement");
  await proposal.getByLabel("Summary").fill("Schools compare how they bring families into the classroom in two languages.");
  await proposal.getByLabel("The problem it addresses").fill("Families who speak French or Spanish at home are left out of school life.");
  await proposal.getByLabel("Who it is for").fill("Family engagement coordinators");
  await proposal.getByLabel("Planned deliverable").selectOption({ label: "Toolkit" });
  await proposal.getByLabel("Preferred format").selectOption({ label: "Virtual" });
  await proposal.getByLabel("Capacity").fill("12");
  await shot(desk, "desktop-04-proposal-modal");
  await proposal.locator('[data-role="submit"]').click();
  await proposal.getByText("is received").waitFor();
  await proposal.locator('[data-role="close"]').click();

  // Staff approve it on the review card, through Slack's confirm dialog.
  await be(desk, "Sofia Reyes");
  await openConversation(desk, "proposals-review");
  const card = message(desk, "Bilingual family engagement");
  await card.getByRole("button", { name: "Approve" }).click();
  await desk.locator("#sb-confirm").getByText("Approve this proposal?").waitFor();
  await shot(desk, "desktop-05-approve-confirm");
  await desk.locator("#sb-confirm-ok").click();
  await card.getByText("Its group meets in").waitFor();
  await shot(desk, "desktop-06-approved");
  // The card's thread (the new channel's set-up) opens in a side pane, as in Slack.
  await card.getByRole("button", { name: /^\d+ repl(y|ies)$/ }).click();
  const thread = desk.locator("#sb-thread");
  await thread.getByText("is set up in").waitFor();
  await thread.getByText("Bilingual family engagement", { exact: false }).first().waitFor();
  expect(await desk.locator("#sb-messages").getByText("is set up in").count()).toBe(0);
  await shot(desk, "desktop-06b-thread");
  await thread.getByRole("button", { name: "Close thread" }).click();
  await thread.waitFor({ state: "hidden" });

  // At a phone's width, another member signs up before sign-ups close.
  const phone = await browser.newPage();
  await phone.setViewportSize({ width: 375, height: 740 });
  await phone.goto(`${sandbox.url}?as=U0CARL0001`);
  await phone.locator("#sb-title", { hasText: "#general" }).waitFor();
  expect(await sidebarShown(phone)).toBe(false);
  expect(await fitsWidth(phone)).toBe(true);
  await shot(phone, "phone-01-start");
  await phone.locator("#sb-menu").click();
  await phone.waitForFunction(() => document.getElementById("sb-sidebar")!.getBoundingClientRect().x >= 0);
  await shot(phone, "phone-02-menu");
  await phone.locator("#sb-dms .sb-nav").click();
  await phone.waitForFunction(() => document.getElementById("sb-sidebar")!.getBoundingClientRect().x < 0);
  await type(phone, "/convene join got-justice");
  await modal(phone).getByText("seats left").waitFor();
  await modal(phone).getByLabel("I (and the colleagues I add) will attend all sessions").check();
  expect(await fitsWidth(phone)).toBe(true);
  await shot(phone, "phone-03-signup-modal");
  await modal(phone).locator('[data-role="submit"]').click();
  await modal(phone).getByText("You're signed up for").waitFor();
  await modal(phone).locator('[data-role="close"]').click();

  // The clock jumps from post to post: the sign-up deadline and the kickoff in #announcements,
  // then the first reminder in the member's group channel, with the counts.
  await be(desk, "Ariana Melton");
  await openConversation(desk, "announcements");
  await desk.getByRole("button", { name: "To next reminder" }).click();
  await message(desk, "Participant Sign-up Deadline").waitFor();
  await desk.getByRole("button", { name: "To next reminder" }).click();
  await message(desk, "CoP Year 3 Kickoff").getByRole("button", { name: "Going (0)" }).waitFor();
  await openConversation(desk, "cop-trauma-informed");
  // Slack's "joined" line for the member Convene added when she signed up.
  await desk.locator("#sb-messages .sb-join", { hasText: "Ariana Melton joined #cop-trauma-informed. Added by Convene." }).waitFor();
  const clock = desk.locator("#sb-clock");
  while (!((await clock.getAttribute("datetime")) ?? "").startsWith("2021-11-09")) {
    const before = await clock.getAttribute("datetime");
    await desk.getByRole("button", { name: "To next reminder" }).click();
    await desk.waitForFunction((was) => document.querySelector("#sb-clock")?.getAttribute("datetime") !== was, before);
  }
  const reminder = reminderOf(desk, "Virtual Group Session");
  await reminder.getByRole("button", { name: "Going (0)" }).waitFor();
  await shot(desk, "desktop-07-reminder");
  await reminder.getByRole("button", { name: "Going (0)" }).click();
  await reminder.getByRole("button", { name: "Going (1)" }).waitFor();
  // The answer, privately, with a way to change it.
  await message(desk, "You're going to").getByRole("button", { name: "Change to: can't make it" }).waitFor();
  await shot(desk, "desktop-08-going");

  // An hour on, the phone's member gets their own group's reminder and answers it.
  await phone.getByRole("button", { name: "+1 hour" }).click();
  await openConversation(phone, "cop-got-justice");
  const theirs = reminderOf(phone, "Virtual Group Session");
  await theirs.getByRole("button", { name: "Going (0)" }).click();
  await theirs.getByRole("button", { name: "Going (1)" }).waitFor();
  expect(await fitsWidth(phone)).toBe(true);
  await shot(phone, "phone-04-going");

  // Home tabs, opened through the app_home_opened event.
  await desk.locator("#sb-home-link").click();
  await desk.locator("#sb-home .bk-home").waitFor();
  await shot(desk, "desktop-09-home");
  await phone.locator("#sb-menu").click();
  await phone.locator("#sb-home-link").click();
  await phone.locator("#sb-home .bk-home").waitFor();
  expect(await fitsWidth(phone)).toBe(true);
  await shot(phone, "phone-05-home");
}, 60000);

it("behaves like Slack's client: the person menu says who each is, empty required fields get red text, type-ahead people pickers with chips, a double-clicked submit signs up once, a reload keeps what was typed", async () => {
  // A fresh sandbox: the tour above moved the clock past the sign-up deadline.
  const fresh = await startSandbox({ port: 0, databaseFile: path.join(dir, "sandbox-2.db"), logLevel: "silent" });
  const page = await browser.newPage();
  await page.goto(fresh.url);
  await page.locator("#sb-title", { hasText: "#general" }).waitFor();
  // Each person in the menu with their role and organization.
  expect(await page.locator("#sb-person option", { hasText: "Bea Okafor" }).textContent()).toBe("Bea Okafor · Member · Prospect Schools");
  expect(await page.locator("#sb-person option", { hasText: "Sofia Reyes" }).textContent()).toBe("Sofia Reyes · Coalition staff");

  await be(page, "Carl Wu");
  await openConversation(page, "Convene");
  await type(page, "/convene join trauma-informed");
  await modal(page).getByText("seats left").waitFor();
  // Submitting with the commitment unticked: Slack's inline red line under it, nothing sent.
  await modal(page).locator('[data-role="submit"]').click();
  const required = modal(page).locator('.bk-error[data-error-for="commitment"]');
  await required.waitFor();
  expect(await required.textContent()).toBe("Please complete this required field.");
  expect(await page.evaluate(() => (document.querySelector("form.bk-modal") as HTMLFormElement).noValidate)).toBe(true);

  // What was typed survives a reload of the page.
  await modal(page).getByLabel("I (and the colleagues I add) will attend all sessions").check();
  await required.waitFor({ state: "detached" });
  await page.reload();
  await modal(page).getByText("seats left").waitFor();
  expect(await modal(page).getByLabel("I (and the colleagues I add) will attend all sessions").isChecked()).toBe(true);

  // People are picked as in Slack: type, choose, see a chip; the chip's × takes them off again.
  const colleagues = modal(page).getByRole("combobox", { name: "Colleagues joining with you" });
  await colleagues.fill("bea");
  await modal(page).getByRole("option", { name: "Bea Okafor" }).click();
  const chip = modal(page).locator(".sb-chip", { hasText: "Bea Okafor" });
  await chip.waitFor();
  expect(await colleagues.inputValue()).toBe("");
  await chip.getByRole("button", { name: "Remove Bea Okafor" }).click();
  await chip.waitFor({ state: "detached" });
  expect(
    await page.evaluate(
      () =>
        Array.from((document.querySelector('select[data-element-type="multi_users_select"]') as HTMLSelectElement).selectedOptions).length,
    ),
  ).toBe(0);

  // A double click on Sign up: one sign-up, the outcome shown, no error.
  await modal(page).locator('[data-role="submit"]').dblclick();
  await modal(page).getByText("You're signed up for").waitFor();
  expect(await page.locator("#sb-toast.sb-error").isVisible()).toBe(false);
  await modal(page).locator('[data-role="close"]').click();
  await message(page, "You signed up for").waitFor();
  expect(
    await page.locator("#sb-messages > .sb-msg", { hasText: "You signed up for" }).filter({ hasText: "Trauma-Informed" }).count(),
  ).toBe(1);
  await page.close();
  await fresh.stop();
}, 60000);
