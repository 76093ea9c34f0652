#!/usr/bin/env node
// `npm run web`: serves the browser build (out/web) on 127.0.0.1 only.
// Usage: node scripts/serve-web.mjs [--port N] [--next-free]   (or PORT=N; default 4173)
//   --next-free: when the port is taken, try the next ten (npm start uses it; tests want a fixed port)
import { createReadStream, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { dirname, extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', 'out', 'web');
const HOST = '127.0.0.1';

const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
};

function portFromArgs() {
  const i = process.argv.indexOf('--port');
  const text = i >= 0 ? process.argv[i + 1] : process.env.PORT;
  if (text === undefined || text === '') return 4173;
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`serve-web: invalid port "${text}"`);
    process.exit(2);
  }
  return port;
}

/** Maps a URL path to a file under ROOT, or null if it would leave ROOT. */
function resolvePath(urlPath) {
  let decoded;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const file = normalize(join(ROOT, decoded));
  if (file !== ROOT && !file.startsWith(ROOT + sep)) return null;
  return file;
}

/**
 * Cross-origin isolation: the page may share memory with the worker the labs
 * run in, so Ctrl-C reaches a running command line at once (an Atomics flag)
 * instead of restarting the worker. Schools hosting out/web elsewhere should
 * send the same two headers (see README).
 */
const CROSS_ORIGIN_ISOLATION = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

function send(res, status, text) {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8' });
  res.end(text);
}

try {
  statSync(join(ROOT, 'index.html'));
} catch {
  console.error('serve-web: out/web/index.html is missing; run `npm run build:web` first.');
  process.exit(1);
}

const server = createServer((req, res) => {
  if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'Method Not Allowed');
  const path = new URL(req.url ?? '/', 'http://localhost').pathname;
  let file = resolvePath(path);
  if (file === null) return send(res, 403, 'Forbidden');
  let stat;
  try {
    stat = statSync(file);
    if (stat.isDirectory()) {
      file = join(file, 'index.html');
      stat = statSync(file);
    }
  } catch {
    return send(res, 404, 'Not Found');
  }
  if (!stat.isFile()) return send(res, 404, 'Not Found');
  res.writeHead(200, {
    'Content-Type': MIME[extname(file).toLowerCase()] ?? 'application/octet-stream',
    'Content-Length': stat.size,
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-cache',
    ...CROSS_ORIGIN_ISOLATION,
  });
  if (req.method === 'HEAD') return res.end();
  createReadStream(file).pipe(res);
});

const firstPort = portFromArgs();
const tries = process.argv.includes('--next-free') && firstPort !== 0 ? 10 : 1;
let port = firstPort;
server.on('error', (error) => {
  if (error.code === 'EADDRINUSE' && port < firstPort + tries - 1 && port < 65535) {
    port += 1;
    server.listen(port, HOST);
    return;
  }
  console.error(`serve-web: ${error.message}`);
  process.exit(1);
});
server.listen(port, HOST, () => {
  const { port } = server.address();
  console.log(`LVS-DR Lab (browser build) at http://${HOST}:${port}/`);
});
