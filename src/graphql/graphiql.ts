/**
 * GraphiQL from our own dependencies: the page is a few kilobytes of HTML that loads Yoga's
 * GraphiQL bundle (@graphql-yoga/render-graphiql), its stylesheet and Monaco's workers as
 * separate, immutable, gzip-compressed static assets under /graphiql/<version>/. No CDN, no inline
 * script (the page runs under `script-src 'self'`), and a browser downloads the ~9 MB once.
 *
 * It opens with tabs that walk through the API: register → authenticate → create a game → place a
 * tower → subscribe to the game's events, the last three with the Headers tab already holding
 * `{"Authorization": "Bearer <accessToken>"}` to fill in.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import type * as GraphiQLBundle from '@graphql-yoga/render-graphiql/graphiql';
import type { GraphiQLOptions, Plugin } from 'graphql-yoga';

const gzipAsync = promisify(gzip);

/** The bundle's version: part of every asset URL, so assets can be cached forever. */
const bundleVersion = (): string => {
  const require = createRequire(import.meta.url);
  const manifest = require.resolve('@graphql-yoga/render-graphiql/package.json');
  return (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version;
};

export const GRAPHIQL_ASSETS_PATH = '/graphiql/';

/** Runs in the page (an external script, so no inline script is needed): Monaco's workers, then GraphiQL. */
const startScript = `(function () {
  var base = document.currentScript.src.replace(/start\\.js(\\?.*)?$/, '');
  var workers = { editorWorkerService: 'editor.worker.js', json: 'json.worker.js', graphql: 'graphql.worker.js' };
  self.MonacoEnvironment = {
    globalAPI: false,
    getWorkerUrl: function (_moduleId, label) { return base + (workers[label] || workers.editorWorkerService); },
  };
  var options = JSON.parse(document.getElementById('graphiql-options').textContent);
  // graphql/graphiql#3392: GraphiQL opens the first default tab with its query but fills the
  // Variables and Headers editors from initialVariables/initialHeaders (empty), and the tab then
  // takes the editors' content, so the first tab's variables and headers are lost. On a first
  // visit (no saved tabs, no ?query=) hand them over as the initial values. A returning browser
  // keeps what it saved: GraphiQL would otherwise add a tab for values that match none of its own.
  var first = options.defaultTabs && options.defaultTabs[0];
  var saved = null;
  try { saved = window.localStorage.getItem('graphiql:tabState'); } catch (e) { saved = 'unavailable'; }
  if (first && !saved && !new URL(location.href).searchParams.get('query')) {
    options.initialVariables = first.variables || '';
    options.initialHeaders = first.headers || '';
  }
  // A returning browser: GraphiQL looks for the last editor contents (graphiql:query and
  // graphiql:variables, each saved 500 ms after the last keystroke) among the saved tabs and
  // appends a copy of the tab when none matches, which a reload inside that half second caused
  // (the tabs are saved on a timer of their own). The saved tabs are the record: point the editor
  // keys at the active tab, so a reload reopens exactly the saved tabs.
  if (saved && saved !== 'unavailable') {
    try {
      var state = JSON.parse(saved);
      var active = state && state.tabs && state.tabs[state.activeTabIndex];
      if (active) {
        window.localStorage.setItem('graphiql:query', active.query || '');
        window.localStorage.setItem('graphiql:variables', active.variables || '');
        if (window.localStorage.getItem('graphiql:shouldPersistHeaders') === 'true') window.localStorage.setItem('graphiql:headers', active.headers || '');
      }
    } catch (e) { /* unreadable saved tabs: GraphiQL falls back to the default tabs */ }
  }
  YogaGraphiQL.renderYogaGraphiQL(document.getElementById('root'), options);
})();
`;

interface Asset {
  readonly type: string;
  readonly body: Buffer;
  readonly etag: string;
  gzipped?: Promise<Buffer>;
}

type Bundle = typeof GraphiQLBundle;

const asset = (type: string, body: string | Buffer): Asset => {
  const buffer = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  return { type, body: buffer, etag: `"${createHash('sha256').update(buffer).digest('base64url').slice(0, 27)}"` };
};

const loadAssets = async (): Promise<Map<string, Asset>> => {
  // 9 MB of strings: loaded on the first GraphiQL request, not at start.
  const bundle: Bundle = await import('@graphql-yoga/render-graphiql/graphiql');
  const js = 'application/javascript; charset=utf-8';
  const favicon = /^data:([^;,]+);base64,(.*)$/s.exec(bundle.favicon);
  return new Map<string, Asset>([
    ['graphiql.js', asset(js, bundle.js)],
    ['graphiql.css', asset('text/css; charset=utf-8', bundle.css)],
    ['editor.worker.js', asset(js, bundle.editorWorkerService)],
    ['json.worker.js', asset(js, bundle.jsonWorker)],
    ['graphql.worker.js', asset(js, bundle.graphqlWorker)],
    ['start.js', asset(js, startScript)],
    ...(favicon ? ([['favicon.ico', asset(favicon[1] ?? 'image/x-icon', Buffer.from(favicon[2] ?? '', 'base64'))]] as const) : []),
  ]);
};

/**
 * The page's Content-Security-Policy: everything from this origin; inline styles only (GraphiQL
 * and Monaco set style attributes). `connect-src 'self'` covers same-origin WebSocket as well.
 */
export const GRAPHIQL_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "worker-src 'self' blob:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
/** JSON inside <script type="application/json">: `<` escaped so no `</script>` can close it. */
const scriptJson = (value: unknown): string => JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028|\u2029/g, (c) => `\\u${c.charCodeAt(0).toString(16)}`);

const AUTH_HEADERS = JSON.stringify({ Authorization: 'Bearer <accessToken>' }, null, 2);

/** The tabs GraphiQL opens with (only when the browser has no saved tabs). */
export const defaultTabs = (): NonNullable<GraphiQLOptions['defaultTabs']> => [
  {
    query: `# Welcome to the Defense Allies API.
# The tabs above walk through a game: 1 register → 2 authenticate → 3 create a game
# → 4 place a tower → 5 subscribe to the game's events.
# Run this one (▶ or Ctrl+Enter), then open the next tab.

mutation Register($input: RegisterUserInput!) {
  registerUser(input: $input) {
    __typename
    ... on RegisterUserSuccess { user { id username roles } }
    ... on ValidationError { message fieldErrors { field message } }
    ... on Error { message }
  }
}
`,
    variables: JSON.stringify({ input: { username: 'alice', email: 'alice@example.com', password: 'correct horse' } }, null, 2),
  },
  {
    query: `# 2. Sign in. Copy the accessToken and, in the next tabs, put it in the Headers tab
# (below the editor) as {"Authorization": "Bearer <accessToken>"}.
# Access tokens are short-lived: refreshToken gets a new one (mutation refreshToken).

mutation Authenticate($input: AuthenticateUserInput!) {
  authenticateUser(input: $input) {
    __typename
    ... on AuthenticateUserSuccess { accessToken refreshToken expiresAt user { id username } }
    ... on Error { message }
  }
}
`,
    variables: JSON.stringify({ input: { login: 'alice', password: 'correct horse' } }, null, 2),
  },
  {
    query: `# 3. Create a game session (you are its host). Needs the token: Headers tab,
# {"Authorization": "Bearer <accessToken>"}. Copy gameSession.id for the next tabs.

mutation CreateGame($input: CreateGameSessionInput!) {
  createGameSession(input: $input) {
    __typename
    ... on CreateGameSessionSuccess {
      gameSession { id status difficulty lives currentWave map { width height path { x y } } players { userId username gold } }
    }
    ... on Error { message }
  }
}
`,
    variables: JSON.stringify({ input: { difficulty: 'EASY', maxPlayers: 2 } }, null, 2),
    headers: AUTH_HEADERS,
  },
  {
    query: `# 4. Place a tower on a free cell that is not on the enemy path (see map.path).
# Paste the game session id into the variables; the token goes in the Headers tab.

mutation PlaceTower($input: PlaceTowerInput!) {
  placeTower(input: $input) {
    __typename
    ... on PlaceTowerSuccess { tower { id towerType x y } gameSession { version players { username gold } } }
    ... on DomainError { code message }
    ... on Error { message }
  }
}
`,
    variables: JSON.stringify({ input: { sessionId: '<gameSession.id>', towerType: 'ARROW', x: 0, y: 0 } }, null, 2),
    headers: AUTH_HEADERS,
  },
  {
    query: `# 5. Follow the game live (over WebSocket; the Headers tab's Authorization is sent with
# the subscription). afterVersion: 0 replays what happened so far, then live events arrive.
# Run a mutation from another tab (place a tower, startWave) and watch the events.

subscription GameEvents($sessionId: ID!, $afterVersion: Int) {
  gameSessionEvents(sessionId: $sessionId, afterVersion: $afterVersion) {
    version
    eventType
    occurredAt
    data
  }
}
`,
    variables: JSON.stringify({ sessionId: '<gameSession.id>', afterVersion: 0 }, null, 2),
    headers: AUTH_HEADERS,
  },
];

export interface GraphiQLSetup {
  /** For createYoga's `graphiql`. */
  readonly options: GraphiQLOptions;
  /** For createYoga's `renderGraphiQL`: the light page. */
  readonly render: (options: GraphiQLOptions) => string;
  /** Serves the assets (before Yoga's own routes) and puts security headers on the page. */
  readonly plugin: Plugin;
}

export function graphiql(options: { readonly title?: string } = {}): GraphiQLSetup {
  const version = bundleVersion();
  const base = `${GRAPHIQL_ASSETS_PATH}${version}/`;
  let assets: Promise<Map<string, Asset>> | null = null;
  const title = options.title ?? 'Defense Allies';

  const render = (opts: GraphiQLOptions): string => `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>${escapeHtml(opts.title ?? title)}</title>
    <link rel="icon" href="${base}favicon.ico" />
    <link rel="stylesheet" href="${base}graphiql.css" />
  </head>
  <body id="body" class="no-focus-outline">
    <noscript>GraphiQL needs JavaScript.</noscript>
    <div id="root"></div>
    <script type="application/json" id="graphiql-options">${scriptJson(opts)}</script>
    <script src="${base}graphiql.js"></script>
    <script src="${base}start.js"></script>
  </body>
</html>
`;

  const plugin: Plugin = {
    async onRequest({ request, url, endResponse, fetchAPI }) {
      if (!url.pathname.startsWith(GRAPHIQL_ASSETS_PATH)) return;
      const [requestedVersion, name] = url.pathname.slice(GRAPHIQL_ASSETS_PATH.length).split('/');
      const notFound = () => endResponse(new fetchAPI.Response('Not Found', { status: 404, headers: { 'content-type': 'text/plain' } }));
      if (request.method !== 'GET' && request.method !== 'HEAD') {
        endResponse(new fetchAPI.Response('Method Not Allowed', { status: 405, headers: { allow: 'GET, HEAD' } }));
        return;
      }
      if (requestedVersion !== version || !name) return notFound();
      assets ??= loadAssets();
      const found = (await assets).get(name);
      if (!found) return notFound();
      const headers: Record<string, string> = {
        'content-type': found.type,
        'cache-control': 'public, max-age=31536000, immutable',
        etag: found.etag,
        'x-content-type-options': 'nosniff',
        vary: 'accept-encoding',
      };
      if (request.headers.get('if-none-match') === found.etag) return endResponse(new fetchAPI.Response(null, { status: 304, headers }));
      let body = found.body;
      if (/\bgzip\b/.test(request.headers.get('accept-encoding') ?? '') && found.body.byteLength > 1024) {
        found.gzipped ??= gzipAsync(found.body);
        body = await found.gzipped;
        headers['content-encoding'] = 'gzip';
      }
      headers['content-length'] = String(body.byteLength);
      endResponse(new fetchAPI.Response(request.method === 'HEAD' ? null : new Uint8Array(body.buffer as ArrayBuffer, body.byteOffset, body.byteLength), { status: 200, headers }));
    },
    onResponse({ request, response }) {
      // The GraphiQL page itself (Yoga renders it for GET /graphql with Accept: text/html).
      if (request.method !== 'GET' || !response.headers.get('content-type')?.startsWith('text/html')) return;
      // A page that brings its own policy (the web client at /) keeps it.
      if (response.headers.has('content-security-policy')) return;
      response.headers.set('content-security-policy', GRAPHIQL_CSP);
      response.headers.set('cache-control', 'no-cache');
      response.headers.set('x-content-type-options', 'nosniff');
      response.headers.set('referrer-policy', 'no-referrer');
    },
  };

  return {
    options: { title, subscriptionsProtocol: 'WS', defaultTabs: defaultTabs(), defaultEditorToolsVisibility: true },
    render,
    plugin,
  };
}
