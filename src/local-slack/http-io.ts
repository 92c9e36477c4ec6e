import type { IncomingMessage, ServerResponse } from "node:http";

export async function readRawBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export async function readBody(req: IncomingMessage): Promise<string> {
  return (await readRawBody(req)).toString("utf8");
}

export interface ParsedApiRequest {
  args: Record<string, unknown>;
  token?: string;
  contentType: string;
  /** Set when the body could not be read as the declared type. */
  bodyError?: "invalid_form_data" | "invalid_json" | "json_not_object" | "invalid_post_type";
}

/**
 * Reads a Web API call the way Slack accepts them: form-encoded (what @slack/web-api sends) or JSON,
 * plus query-string arguments. The token comes from `Authorization: Bearer`, or from a `token`
 * argument in form/query bodies; JSON bodies must use the header.
 */
export function parseApiRequest(req: IncomingMessage, rawBody: string, url: URL, jsonArguments: Set<string>): ParsedApiRequest {
  const contentType = (req.headers["content-type"] ?? "").split(";")[0]!.trim().toLowerCase();
  const args: Record<string, unknown> = {};
  for (const [key, value] of url.searchParams) args[key] = value;
  let bodyError: ParsedApiRequest["bodyError"];
  let tokenFromBody: string | undefined;
  if (rawBody !== "") {
    if (contentType === "application/json") {
      try {
        const parsed: unknown = JSON.parse(rawBody);
        if (typeof parsed === "object" && parsed !== null && !Array.isArray(parsed)) Object.assign(args, parsed);
        else bodyError = "json_not_object";
      } catch {
        bodyError = "invalid_json";
      }
    } else if (contentType === "application/x-www-form-urlencoded" || contentType === "text/plain" || contentType === "") {
      const form = new URLSearchParams(rawBody);
      for (const [key, value] of form) args[key] = value;
      tokenFromBody = typeof args.token === "string" ? args.token : undefined;
    } else {
      bodyError = "invalid_post_type";
    }
  }
  const tokenFromQuery = url.searchParams.get("token") ?? undefined;
  delete args.token;
  for (const key of jsonArguments) {
    const value = args[key];
    if (typeof value === "string" && value !== "") {
      try {
        args[key] = JSON.parse(value);
      } catch {
        // left as a string; the method reports it in its own words
      }
    }
  }
  const auth = req.headers.authorization;
  const bearer = typeof auth === "string" && /^Bearer\s+/i.test(auth) ? auth.replace(/^Bearer\s+/i, "").trim() : undefined;
  return { args, token: bearer || tokenFromBody || tokenFromQuery, contentType, bodyError };
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    "content-type": "application/json; charset=utf-8",
    "content-length": Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

export function sendText(res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { "content-type": "text/plain; charset=utf-8", "content-length": Buffer.byteLength(body), ...headers });
  res.end(body);
}

export function headerRecord(headers: Headers): Record<string, string> {
  const out: Record<string, string> = {};
  headers.forEach((value, key) => {
    out[key] = value;
  });
  return out;
}
