/**
 * The sandbox page's HTTP server, on 127.0.0.1 only: the page and its script and styles, the
 * JSON API the page polls and posts to, and Convene's calendar feeds and .ics downloads passed through (the feed
 * links Convene writes point here). It listens before Convene starts, so that those links can
 * name its address; until the sandbox is ready it answers 503.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Logger } from "../logger";
import { BLOCK_KIT_CSS } from "./block-kit-html";
import { ACTION_NAMES, type ActionName, type ActionResult, ApiError } from "./page-actions";
import { PAGE_HTML } from "./page-html";
import { PAGE_SCRIPT } from "./page-script";
import type { PageState } from "./page-state";
import { PAGE_STYLES } from "./page-styles";

export interface PageBackend {
  state(as: string | undefined, open: string | undefined): PageState;
  act(name: ActionName, body: unknown): Promise<ActionResult>;
  /** Where Convene itself listens, for the calendar feeds. */
  conveneUrl: string;
  /** A shared file's bytes, as Slack's client fetches url_private with its own session. */
  file(id: string): { bytes: Buffer; mimetype: string; name: string } | undefined;
}

export interface PageServer {
  /** "http://127.0.0.1:<port>/" */
  url: string;
  serve(backend: PageBackend): void;
  stop(): Promise<void>;
}

const MAX_BODY = 256 * 1024;
const ASSETS: Record<string, { type: string; body: string }> = {
  "/": { type: "text/html; charset=utf-8", body: PAGE_HTML },
  "/page.js": { type: "text/javascript; charset=utf-8", body: PAGE_SCRIPT },
  "/page.css": { type: "text/css; charset=utf-8", body: `${BLOCK_KIT_CSS}\n${PAGE_STYLES}` },
};
const HEADERS = {
  "cache-control": "no-store",
  "x-content-type-options": "nosniff",
  // Block Kit text is escaped by the renderer; this is the second line against markup from a message.
  "content-security-policy": "default-src 'self'; img-src 'self' https: data:; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'",
};

export async function startPageServer(port: number, logger: Logger): Promise<PageServer> {
  let backend: PageBackend | undefined;
  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      const known = err instanceof ApiError;
      if (!known) logger.error({ err }, "sandbox page request failed");
      if (!res.headersSent)
        json(res, known ? err.status : 500, { error: known ? err.message : `The sandbox failed: ${(err as Error).message}` });
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://sandbox");
    // Only this machine's own addresses: a page elsewhere cannot reach in through DNS rebinding.
    if (!/^(127\.0\.0\.1|localhost)(:\d+)?$/.test(req.headers.host ?? ""))
      return json(res, 403, { error: "The sandbox answers on 127.0.0.1 only." });
    const asset = req.method === "GET" ? ASSETS[url.pathname] : undefined;
    if (asset) {
      res.writeHead(200, { ...HEADERS, "content-type": asset.type });
      res.end(asset.body);
      return;
    }
    if (!backend) return json(res, 503, { error: "The sandbox is still starting; try again in a moment." });
    if (req.method === "GET" && url.pathname === "/api/state") {
      return json(res, 200, backend.state(url.searchParams.get("as") ?? undefined, url.searchParams.get("open") ?? undefined));
    }
    const name = url.pathname.slice("/api/".length) as ActionName;
    if (req.method === "POST" && url.pathname.startsWith("/api/") && ACTION_NAMES.includes(name)) {
      // A JSON content type cannot be sent cross-site without the browser asking first.
      if (!req.headers["content-type"]?.startsWith("application/json"))
        return json(res, 415, { error: "Send JSON (content-type: application/json)." });
      return json(res, 200, await backend.act(name, await readJson(req)));
    }
    if (req.method === "GET" && url.pathname.startsWith("/calendar/")) {
      const feed = await fetch(new URL(url.pathname, backend.conveneUrl));
      // A session's .ics downloads as a file, and neither is kept by a shared cache: as Convene says.
      const passed = ["content-disposition", "cache-control"].flatMap((h) =>
        feed.headers.get(h) ? [[h, feed.headers.get(h)!] as const] : [],
      );
      res.writeHead(feed.status, { "content-type": feed.headers.get("content-type") ?? "text/plain", ...Object.fromEntries(passed) });
      res.end(Buffer.from(await feed.arrayBuffer()));
      return;
    }
    const fileId = req.method === "GET" && url.pathname.startsWith("/files/") ? url.pathname.split("/")[2] : undefined;
    const file = fileId ? backend.file(fileId) : undefined;
    if (file) {
      // Images show inline; anything else (a CSV) downloads under its own name.
      const disposition = file.mimetype.startsWith("image/") ? "inline" : `attachment; filename*=UTF-8''${encodeURIComponent(file.name)}`;
      res.writeHead(200, { ...HEADERS, "content-type": file.mimetype, "content-disposition": disposition });
      res.end(file.bytes);
      return;
    }
    json(res, 404, { error: `Nothing at ${req.method} ${url.pathname}.` });
  }

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  return {
    url,
    serve(b) {
      backend = b;
    },
    async stop() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
  };
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { ...HEADERS, "content-type": "application/json; charset=utf-8" });
  res.end(JSON.stringify(body));
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw new ApiError(413, "That request is too large.");
    chunks.push(chunk as Buffer);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString("utf8"));
  } catch {
    throw new ApiError(400, "The request body is not JSON.");
  }
}
