/**
 * The web client (web/, built by `npm run build` into dist/web/) served at `/` by the API itself:
 * `index.html` under a strict Content-Security-Policy (only this origin; no inline script or
 * style), revalidated on every load, and the content-hashed files under /assets/ cached for a
 * year and gzip-compressed. GraphQL stays at /graphql. Without a build, `/` says how to make one.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { Plugin } from 'graphql-yoga';

/** Where the bundle is: dist/web next to the compiled server, or dist/web of the checkout when running from src/. */
export const defaultWebRoot = (): string => {
  const besideDist = fileURLToPath(new URL('../web/', import.meta.url));
  return existsSync(join(besideDist, 'index.html')) ? besideDist : fileURLToPath(new URL('../../dist/web/', import.meta.url));
};

/** Only this origin: scripts and styles from files, the API over fetch and WebSocket ('self' covers ws:/wss: of the same host). */
export const WEB_CLIENT_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'application/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.map': 'application/json; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

interface WebAsset {
  readonly body: Buffer;
  readonly gzipped: Buffer | null;
  readonly type: string;
  readonly etag: string;
}

const load = (root: string): Map<string, WebAsset> => {
  const files = new Map<string, WebAsset>();
  for (const entry of readdirSync(root, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    const body = readFileSync(path);
    const type = TYPES[extname(entry.name)] ?? 'application/octet-stream';
    const compressible = /text|javascript|json|svg/.test(type) && body.byteLength > 1024;
    files.set(`/${relative(root, path).split(sep).join('/')}`, {
      body,
      gzipped: compressible ? gzipSync(body) : null,
      type,
      etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`,
    });
  }
  return files;
};

export function webClientPlugin(root: string = defaultWebRoot()): Plugin {
  let files: Map<string, WebAsset> | null = null;
  let loadedFrom = -1;
  /** The files as last built: reloaded when index.html changes (a rebuild while the server runs). */
  const current = (): Map<string, WebAsset> | null => {
    const index = join(root, 'index.html');
    if (!existsSync(index)) return null;
    const mtime = statSync(index).mtimeMs;
    if (!files || mtime !== loadedFrom) {
      files = load(root);
      loadedFrom = mtime;
    }
    return files;
  };

  return {
    onRequest({ request, url, endResponse, fetchAPI }) {
      const path = url.pathname === '/' ? '/index.html' : url.pathname;
      const isPage = path === '/index.html';
      if (!isPage && !path.startsWith('/assets/') && !/^\/[\w.-]+\.(svg|ico|png|txt)$/.test(path)) return;
      if (request.method !== 'GET' && request.method !== 'HEAD') {
        endResponse(new fetchAPI.Response('Method Not Allowed', { status: 405, headers: { allow: 'GET, HEAD' } }));
        return;
      }
      const all = current();
      if (!all) {
        if (!isPage) return;
        endResponse(
          new fetchAPI.Response('<!doctype html><title>Defense Allies</title><p>The web client is not built yet: run <code>npm run build</code>. The API is at <a href="/graphql">/graphql</a>.</p>', {
            status: 503,
            headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', 'content-security-policy': WEB_CLIENT_CSP },
          }),
        );
        return;
      }
      const asset = all.get(path);
      if (!asset) {
        if (path.startsWith('/assets/')) endResponse(new fetchAPI.Response('Not Found', { status: 404, headers: { 'content-type': 'text/plain', 'cache-control': 'no-store' } }));
        return;
      }
      const headers: Record<string, string> = {
        'content-type': asset.type,
        etag: asset.etag,
        // Hashed names never change content; the page and the icon are revalidated (cheap 304s).
        'cache-control': path.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : isPage ? 'no-cache' : 'public, max-age=86400',
        'x-content-type-options': 'nosniff',
        vary: 'accept-encoding',
      };
      if (isPage) {
        headers['content-security-policy'] = WEB_CLIENT_CSP;
        headers['referrer-policy'] = 'no-referrer';
        headers['x-frame-options'] = 'DENY';
      }
      if (request.headers.get('if-none-match') === asset.etag) {
        endResponse(new fetchAPI.Response(null, { status: 304, headers }));
        return;
      }
      let body = asset.body;
      if (asset.gzipped && /\bgzip\b/.test(request.headers.get('accept-encoding') ?? '')) {
        body = asset.gzipped;
        headers['content-encoding'] = 'gzip';
      }
      headers['content-length'] = String(body.byteLength);
      endResponse(new fetchAPI.Response(request.method === 'HEAD' ? null : new Uint8Array(body.buffer as ArrayBuffer, body.byteOffset, body.byteLength), { status: 200, headers }));
    },
  };
}
