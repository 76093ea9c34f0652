// The desktop app's own URL scheme, app://lab/…, which serves the built
// renderer (out/renderer) and nothing else. A file:// page could read any file
// the user can, and cannot carry headers: app:// sends the CSP with
// frame-ancestors and COOP/COEP with every response, so the page is cross-origin
// isolated and Ctrl-C reaches the labs' worker through shared memory.
// A pure function of (request URL, root folder, file reader), so the unit tests
// check it without Electron; index.ts wires it to protocol.handle.
import { isAbsolute, relative, resolve } from 'node:path';
import { webServerHeaders } from './csp.ts';

export const APP_SCHEME = 'app';
export const APP_HOST = 'lab';
/** The page the window loads. */
export const APP_INDEX_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/** Reads a whole file; rejects when it is missing or not a file. */
export type ReadAppFile = (path: string) => Promise<Uint8Array>;

/** Content types of what the renderer build emits; anything else is bytes (and nosniff forbids guessing). */
const CONTENT_TYPES: Readonly<Record<string, string>> = {
  html: 'text/html; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  mjs: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  json: 'application/json; charset=utf-8',
  map: 'application/json; charset=utf-8',
  svg: 'image/svg+xml',
  png: 'image/png',
  ico: 'image/x-icon',
  woff2: 'font/woff2',
  wasm: 'application/wasm',
  txt: 'text/plain; charset=utf-8',
};

export function contentTypeOf(path: string): string {
  const dot = path.lastIndexOf('.');
  const extension = dot < 0 ? '' : path.slice(dot + 1).toLowerCase();
  return CONTENT_TYPES[extension] ?? 'application/octet-stream';
}

/** Is `url` the app's page (the only page that may call IPC or hold permissions)? */
export function isAppPageUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST && parsed.pathname === '/index.html';
  } catch {
    return false;
  }
}

/** Is `url` anything served by the app's scheme (page, scripts, styles, worker)? */
export function isAppProtocolUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST;
  } catch {
    return false;
  }
}

/**
 * The raw path as the request wrote it (before URL parsing folds `..` away):
 * refused outright when it tries to climb, hide a separator or smuggle a NUL,
 * so no spelling of "outside" reaches the file system.
 */
const HOSTILE_RAW_PATH = /\.\.|%2e|%2f|%5c|%00|\\|\0/i;

/** What a segment of a served path may be: the names Vite gives the build's files. */
const SAFE_SEGMENT = /^[A-Za-z0-9_@+-][A-Za-z0-9._@+-]*$/;

function response(status: number, body: Uint8Array | string, contentType: string): Response {
  const headers = new Headers({ ...webServerHeaders(), 'Content-Type': contentType, 'Cache-Control': 'no-cache' });
  const bytes = typeof body === 'string' ? new TextEncoder().encode(body) : body;
  return new Response(new Uint8Array(bytes), { status, headers });
}

const refuse = (status: 403 | 404, reason: string): Response => response(status, reason, 'text/plain; charset=utf-8');

/** The file of `rootDir` that `requestUrl` names, or the status that refuses it. */
export function resolveAppPath(requestUrl: string, rootDir: string): { path: string } | { refused: 403 | 404 } {
  const rawPath = /^app:\/\/[^/?#]*([^?#]*)/i.exec(requestUrl)?.[1];
  if (rawPath === undefined || !isAppProtocolUrl(requestUrl)) return { refused: 404 };
  if (HOSTILE_RAW_PATH.test(rawPath)) return { refused: 403 };
  let decoded: string;
  try {
    decoded = decodeURIComponent(new URL(requestUrl).pathname);
  } catch {
    return { refused: 403 };
  }
  const segments = decoded === '/' ? ['index.html'] : decoded.slice(1).split('/');
  if (!decoded.startsWith('/') || !segments.every((segment) => SAFE_SEGMENT.test(segment))) return { refused: 403 };
  const root = resolve(rootDir);
  const path = resolve(root, ...segments);
  const inside = relative(root, path);
  if (inside === '' || inside.startsWith('..') || isAbsolute(inside)) return { refused: 403 };
  return { path };
}

/** The response to one app:// request: a file of `rootDir` with its type and the app's headers, or 403/404. */
export async function appProtocolResponse(requestUrl: string, rootDir: string, readFile: ReadAppFile): Promise<Response> {
  const target = resolveAppPath(requestUrl, rootDir);
  if ('refused' in target) return refuse(target.refused, target.refused === 403 ? 'Forbidden' : 'Not Found');
  let bytes: Uint8Array;
  try {
    bytes = await readFile(target.path);
  } catch {
    return refuse(404, 'Not Found');
  }
  return response(200, bytes, contentTypeOf(target.path));
}
