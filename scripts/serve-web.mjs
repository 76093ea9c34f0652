#!/usr/bin/env node
// `npm run web`: serves the browser build (out/web) on 127.0.0.1 only.
// Usage: node scripts/serve-web.mjs [--port N] [--next-free] [--root DIR]   (or PORT=N; default 4173)
//   --next-free: when the port is taken, try the next ten (npm start uses it; tests want a fixed port)
//   --root: another build folder than out/web (the tests)
import { createReadStream, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { dirname, extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const rootArg = process.argv.indexOf('--root');
const ROOT = rootArg >= 0 ? resolve(process.argv[rootArg + 1] ?? '') : join(dirname(fileURLToPath(import.meta.url)), '..', 'out', 'web');
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
 * The build's own headers (src-renderer/csp-plugin.ts, webServerHeaders): the
 * Content-Security-Policy with frame-ancestors 'none' (a <meta> policy cannot
 * forbid framing), X-Frame-Options, and the cross-origin isolation that lets
 * Ctrl-C reach the labs' worker through shared memory.
 */
let BUILD_HEADERS;
try {
  statSync(join(ROOT, 'index.html'));
  BUILD_HEADERS = JSON.parse(readFileSync(join(ROOT, 'headers.json'), 'utf8'));
} catch {
  console.error(`serve-web: ${ROOT} has no index.html or headers.json; run \`npm run build:web\` first.`);
  process.exit(1);
}

function send(res, status, text) {
  res.writeHead(status, { ...BUILD_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' });
  res.end(text);
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
    ...BUILD_HEADERS,
    'Content-Type': MIME[extname(file).toLowerCase()] ?? 'application/octet-stream',
    'Content-Length': stat.size,
    'Cache-Control': 'no-cache',
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
