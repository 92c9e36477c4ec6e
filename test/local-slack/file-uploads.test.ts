import { WebClient } from "@slack/web-api";
import { LocalSlack } from "../../src/local-slack";
import { quietLogger } from "./test-support";

// Slack's upload flow: files.getUploadURLExternal, the POST of the bytes, files.completeUploadExternal.

let slack: LocalSlack;
let client: WebClient;
let alice: string;
let general: string;

beforeEach(async () => {
  slack = await LocalSlack.start();
  client = new WebClient(slack.botToken, { slackApiUrl: slack.apiUrl, retryConfig: { retries: 0 }, logger: quietLogger });
  alice = slack.addUser({ name: "alice" }).id;
  general = slack.addChannel({ name: "general", members: [alice] }).id;
});
afterEach(async () => {
  await slack.stop();
  expect(slack.internalErrors).toEqual([]);
});

const csv = Buffer.from('\uFEFFname,organization\r\nAna,"Lycée Français"\r\n', "utf8");

it("takes an upload from WebClient.files.uploadV2 (multipart) and shares it with its comment in the conversation", async () => {
  const res = await client.files.uploadV2({
    channel_id: general,
    file: csv,
    filename: "roster.csv",
    title: "Roster",
    initial_comment: "The roster",
    alt_text: "A table",
  });
  expect(res.ok).toBe(true);
  const [file] = slack.sharedFiles();
  expect(file).toMatchObject({ name: "roster.csv", title: "Roster", mimetype: "text/csv", size: csv.length, altText: "A table" });
  expect(slack.fileContent(file!.id)).toEqual(csv);
  const [message] = slack.messages(general);
  expect(message).toMatchObject({ text: "The roster", via: "files.completeUploadExternal" });
  expect(message!.files).toEqual([
    expect.objectContaining({
      id: file!.id,
      name: "roster.csv",
      filetype: "csv",
      pretty_type: "CSV",
      size: csv.length,
      url_private: expect.stringContaining(file!.path),
    }),
  ]);
  expect(file!.shares).toEqual([{ channel: general, ts: message!.ts }]);
});

it("returns upload_url and file_id, takes raw bytes, and answers the file object on completion", async () => {
  const started = await client.files.getUploadURLExternal({ filename: "chart.png", length: 4 });
  expect(started).toMatchObject({
    ok: true,
    upload_url: expect.stringMatching(/\/upload\/v1\/\w+$/),
    file_id: expect.stringMatching(/^F[0-9A-Z]{10}$/),
  });
  const upload = await fetch(started.upload_url!, { method: "POST", body: new Uint8Array([1, 2, 3, 4]) });
  expect(upload.status).toBe(200);
  const done = await client.files.completeUploadExternal({ files: [{ id: started.file_id!, title: "Chart" }] });
  expect(done.files).toEqual([expect.objectContaining({ id: started.file_id, title: "Chart", mimetype: "image/png", is_public: false })]);
  // Not shared anywhere: private to the uploader.
  expect(slack.messages(general)).toEqual([]);
  const unauthorised = await fetch(`${slack.baseUrl}${slack.sharedFiles()[0]!.path}`);
  expect(unauthorised.status).toBe(403);
  const served = await fetch(`${slack.baseUrl}${slack.sharedFiles()[0]!.path}`, { headers: { authorization: `Bearer ${slack.botToken}` } });
  expect(Buffer.from(await served.arrayBuffer())).toEqual(Buffer.from([1, 2, 3, 4]));
});

it("refuses an upload whose length differs from the announced one, and its completion", async () => {
  const started = await client.files.getUploadURLExternal({ filename: "roster.csv", length: 10 });
  const upload = await fetch(started.upload_url!, { method: "POST", body: new Uint8Array(9) });
  expect(upload.status).toBe(400);
  await expect(client.files.completeUploadExternal({ files: [{ id: started.file_id! }], channel_id: general })).rejects.toMatchObject({
    data: { error: "file_not_found" },
  });
  expect(slack.messages(general)).toEqual([]);
});

it("answers the documented errors: missing arguments, long alt text, unknown channel, a channel the bot is not in, a second completion", async () => {
  await expect(client.apiCall("files.getUploadURLExternal", { length: 3 })).rejects.toMatchObject({ data: { error: "invalid_arguments" } });
  await expect(client.files.getUploadURLExternal({ filename: "a.png", length: 3, alt_text: "x".repeat(1001) })).rejects.toMatchObject({
    data: { error: "alt_txt_too_large" },
  });
  const outside = slack.addChannel({ name: "outside", members: [alice], botIsMember: false }).id;
  const started = await client.files.getUploadURLExternal({ filename: "a.csv", length: 3 });
  await fetch(started.upload_url!, { method: "POST", body: new Uint8Array(3) });
  await expect(client.files.completeUploadExternal({ files: [{ id: started.file_id! }], channel_id: "C0NOWHERE1" })).rejects.toMatchObject({
    data: { error: "channel_not_found" },
  });
  await expect(client.files.completeUploadExternal({ files: [{ id: started.file_id! }], channel_id: outside })).rejects.toMatchObject({
    data: { error: "not_in_channel" },
  });
  await client.files.completeUploadExternal({ files: [{ id: started.file_id! }], channel_id: general });
  await expect(client.files.completeUploadExternal({ files: [{ id: started.file_id! }], channel_id: general })).rejects.toMatchObject({
    data: { error: "file_not_found" },
  });
  const again = await fetch(started.upload_url!, { method: "POST", body: new Uint8Array(3) });
  expect(again.status).toBe(410);
});
