import { randomHex } from "../ids";
import type { FileRecord, JsonObject } from "../types";
import type { WorkspaceState } from "../workspace-state";
import { fail, int, invalidArguments, missingField, ok, str, type MethodHandler } from "./method-context";

// Slack's current upload flow (files.upload is retired): files.getUploadURLExternal announces a
// file and its size and returns where to POST its bytes; the POST must carry exactly that many
// bytes; files.completeUploadExternal then shares it, with an optional comment, into one
// conversation. Shapes and error names follow api.slack.com's pages for the two methods.

/** Slack's documented limit for alt text ("alt_txt_too_large"). */
export const ALT_TEXT_MAX = 1000;

const TYPES: Record<string, { mimetype: string; pretty: string }> = {
  png: { mimetype: "image/png", pretty: "PNG" },
  jpg: { mimetype: "image/jpeg", pretty: "JPEG" },
  gif: { mimetype: "image/gif", pretty: "GIF" },
  svg: { mimetype: "image/svg+xml", pretty: "SVG" },
  csv: { mimetype: "text/csv", pretty: "CSV" },
  json: { mimetype: "application/json", pretty: "JSON" },
  txt: { mimetype: "text/plain", pretty: "Plain Text" },
};

export function fileType(name: string): { filetype: string; mimetype: string; pretty: string } {
  const ext = name.includes(".") ? name.split(".").pop()!.toLowerCase() : "";
  const known = TYPES[ext];
  return known ? { filetype: ext, ...known } : { filetype: ext || "binary", mimetype: "application/octet-stream", pretty: "Binary" };
}

/** Where a file's bytes are served: url_private in Slack's shape, on the emulator's own host. */
export const filePath = (teamId: string, file: Pick<FileRecord, "id" | "name">) =>
  `files-pri/${teamId}-${file.id}/${encodeURIComponent(file.name)}`;

/** A file object as files.completeUploadExternal and conversations.history render it. */
export function renderFile(state: WorkspaceState, baseUrl: string, file: FileRecord, isPublic: boolean): JsonObject {
  const type = fileType(file.name);
  const url = `${baseUrl}${filePath(state.team.id, file)}`;
  return {
    id: file.id,
    created: file.created,
    timestamp: file.created,
    name: file.name,
    title: file.title,
    mimetype: type.mimetype,
    filetype: type.filetype,
    pretty_type: type.pretty,
    user: file.user,
    user_team: state.team.id,
    editable: false,
    size: file.length,
    mode: "hosted",
    is_external: false,
    external_type: "",
    is_public: isPublic,
    public_url_shared: false,
    display_as_bot: false,
    username: "",
    url_private: url,
    url_private_download: url,
    permalink: `https://${state.team.domain}.slack.com/files/${file.user}/${file.id}/${encodeURIComponent(file.name)}`,
    ...(file.altText !== undefined ? { alt_txt: file.altText } : {}),
    comments_count: 0,
    has_rich_preview: false,
    file_access: "visible",
  };
}

export function fileMethods(baseUrl: () => string): Record<string, MethodHandler> {
  const getUploadURLExternal: MethodHandler = ({ state, args }) => {
    const filename = str(args, "filename");
    if (filename === undefined || filename === "") return missingField("filename");
    if (str(args, "length") === undefined) return missingField("length");
    const length = int(args, "length", -1);
    if (length < 1) return invalidArguments(["[ERROR] length must be a positive integer"]);
    // api.slack.com names it alt_txt; @slack/web-api's uploadV2 sends alt_text.
    const altText = str(args, "alt_txt") ?? str(args, "alt_text");
    if (altText !== undefined && altText.length > ALT_TEXT_MAX) return fail("alt_txt_too_large");
    const file: FileRecord = {
      id: state.ids.next("F", 11),
      name: filename,
      title: filename,
      length,
      ...(altText !== undefined ? { altText } : {}),
      ...(str(args, "snippet_type") !== undefined ? { snippetType: str(args, "snippet_type") } : {}),
      uploadToken: randomHex(16),
      completed: false,
      created: state.nowSeconds(),
      user: state.bot.userId,
      shares: [],
    };
    state.files.set(file.id, file);
    return ok({ upload_url: `${baseUrl()}upload/v1/${file.uploadToken}`, file_id: file.id });
  };

  const completeUploadExternal: MethodHandler = ({ state, args }) => {
    const entries = args.files;
    if (entries === undefined) return missingField("files");
    if (
      !Array.isArray(entries) ||
      entries.length === 0 ||
      !entries.every((e) => typeof e === "object" && e !== null && typeof (e as { id?: unknown }).id === "string")
    ) {
      return invalidArguments(["[ERROR] files must be a JSON array of objects with an id"]);
    }
    const files: FileRecord[] = [];
    for (const entry of entries as { id: string; title?: string }[]) {
      const file = state.files.get(entry.id);
      // Never uploaded, or its bytes never arrived (or did not match the announced length).
      if (file === undefined || file.bytes === undefined || file.completed) return fail("file_not_found");
      files.push(file);
    }
    const channelArg = str(args, "channel_id") ?? str(args, "channels");
    const channel = channelArg === undefined || channelArg === "" ? undefined : state.resolveConversation(channelArg);
    if (channelArg && (channel === undefined || !state.visibleToBot(channel))) return fail("channel_not_found");
    if (channel?.isArchived) return fail("is_archived");
    if (channel !== undefined && !state.botIsMember(channel)) return fail("not_in_channel");
    for (const [i, file] of files.entries()) {
      const title = (entries as { title?: unknown }[])[i]!.title;
      if (typeof title === "string" && title !== "") file.title = title;
      file.completed = true;
    }
    const isPublic = channel !== undefined && !channel.isPrivate && !channel.isIm;
    if (channel !== undefined) {
      const threadTs = str(args, "thread_ts");
      const message = state.addMessage(channel.id, {
        text: str(args, "initial_comment") ?? "",
        ...(threadTs ? { thread_ts: threadTs } : {}),
        files: files.map((f) => renderFile(state, baseUrl(), f, isPublic)),
        user: state.bot.userId,
        bot: true,
        via: "files.completeUploadExternal",
      });
      for (const file of files) file.shares.push({ channel: channel.id, ts: message.ts });
    }
    return ok({ files: files.map((f) => renderFile(state, baseUrl(), f, isPublic)) });
  };

  return { "files.getUploadURLExternal": getUploadURLExternal, "files.completeUploadExternal": completeUploadExternal };
}

/**
 * The POST to an upload URL: raw bytes or a multipart form whose file part is the content. HTTP
 * 200 when exactly the announced length arrived; any other status is a failure, as Slack's page says.
 */
export async function receiveUpload(
  state: WorkspaceState,
  token: string,
  body: Buffer,
  contentType: string,
): Promise<{ status: number; text: string }> {
  const file = [...state.files.values()].find((f) => f.uploadToken === token);
  if (file === undefined) return { status: 404, text: "upload url not found" };
  if (file.completed) return { status: 410, text: "upload already completed" };
  let bytes = body;
  if (contentType.toLowerCase().startsWith("multipart/form-data")) {
    const form = await new Response(new Uint8Array(body), { headers: { "content-type": contentType } }).formData();
    const part = [...form.values()].find((v): v is File => typeof v !== "string");
    if (part === undefined) return { status: 400, text: "no file in the form" };
    bytes = Buffer.from(await part.arrayBuffer());
  }
  if (bytes.length !== file.length)
    return { status: 400, text: `length mismatch: announced ${file.length} bytes, received ${bytes.length}` };
  file.bytes = bytes;
  return { status: 200, text: `OK - ${bytes.length}` };
}
