/**
 * Files Convene sends someone (CSV exports, chart images): into their DM with Convene, through
 * Slack's upload flow (files.getUploadURLExternal, the upload, files.completeUploadExternal),
 * which the SDK's files.uploadV2 runs; several files share one message.
 */
import type { WebClient } from "@slack/web-api";

export interface OutgoingFile {
  filename: string;
  title: string;
  content: Buffer;
  /** What a screen reader says for an image. */
  altText?: string;
}

export async function sendFilesToDm(slack: WebClient, slackUserId: string, files: readonly OutgoingFile[], comment: string): Promise<void> {
  const { channel } = await slack.conversations.open({ users: slackUserId });
  await slack.files.uploadV2({
    channel_id: channel!.id!,
    initial_comment: comment,
    file_uploads: files.map((f) => ({
      file: f.content,
      filename: f.filename,
      title: f.title,
      ...(f.altText ? { alt_text: f.altText } : {}),
    })),
  });
}
