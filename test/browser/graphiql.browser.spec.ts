/**
 * GraphiQL in a real browser (Debian's headless Chromium driven by playwright-core): the page
 * renders from our own server alone under its Content-Security-Policy, a mutation runs from the
 * editor, and a subscription with the token in the Headers tab shows a live event the test causes
 * through the API. Every request to a host other than loopback is blocked and recorded; the list
 * must stay empty. Screenshots go to a temp dir (printed once).
 *
 * Needs /usr/bin/chromium (`apt-get install -y chromium`; .ci/run installs it). Without it the
 * file is skipped locally and fails under CI (process.env.CI set).
 */
import { existsSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Locator, type Page, type Response } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CreateGameSessionDocument, PlaceTowerDocument } from '../generated/graphql.js';
import { signUp } from '../support/players.js';
import { startTestApp, type TestApp } from '../support/testApp.js';

const CHROMIUM = '/usr/bin/chromium';
const skip = !existsSync(CHROMIUM) && !process.env.CI;
const title = skip ? `GraphiQL in Chromium: SKIPPED, ${CHROMIUM} is missing (apt-get install -y chromium; under CI this fails instead)` : 'GraphiQL in Chromium';
if (skip) console.warn(title);

/** Generous: a loaded 2-core machine parses 9 MB of JavaScript and starts three Monaco workers. */
const VISIBLE_MS = 30_000;

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);
const isLoopback = (url: string): boolean => {
  try {
    const { protocol, hostname } = new URL(url);
    // data:/blob: URLs (Monaco's workers, inline images) never leave the page.
    return protocol === 'data:' || protocol === 'blob:' || LOOPBACK.has(hostname);
  } catch {
    return false;
  }
};

/** Monaco renders spaces as U+00A0 in innerText (so a `hasText` regex says \s, not a space). */
const text = async (locator: Locator): Promise<string> => (await locator.innerText()).replace(/\u00a0/g, ' ');

describe.skipIf(skip)(title, () => {
  let app: TestApp;
  let base: string;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let shots: string;
  let loaded: Response | null;
  /** Requests (and WebSockets) to anything but loopback: blocked, and must stay empty. */
  const offHost: string[] = [];
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: install Debian's chromium package (.ci/run does)`);
    shots = await mkdtemp(join(tmpdir(), 'graphiql-browser-'));
    app = await startTestApp();
    base = `http://127.0.0.1:${(await app.server.listen(0)).port}`;
    // Playwright gives the browser a fresh, empty --user-data-dir of its own.
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    // The context's route also sees what the page's workers fetch.
    await context.route('**/*', async (route) => {
      const url = route.request().url();
      if (isLoopback(url)) return route.continue();
      offHost.push(url);
      return route.abort('blockedbyclient');
    });
    // CSP violations, as the page itself sees them (an init script runs outside the page's CSP).
    await context.addInitScript(() => {
      const w = window as unknown as { cspViolations: string[] };
      w.cspViolations = [];
      document.addEventListener('securitypolicyviolation', (e) => w.cspViolations.push(`${e.effectiveDirective} blocked ${e.blockedURI || '(inline)'}`));
    });
    context.setDefaultTimeout(VISIBLE_MS);
    context.setDefaultNavigationTimeout(2 * VISIBLE_MS);
    page = await context.newPage();
    page.on('console', (message) => {
      if (message.type() === 'error' || /Content.Security.Policy|Refused to/i.test(message.text())) consoleErrors.push(`console.${message.type()}: ${message.text()}`);
    });
    page.on('pageerror', (error) => consoleErrors.push(`pageerror: ${error.message}`));
    page.on('websocket', (ws) => {
      if (!isLoopback(ws.url())) offHost.push(ws.url());
    });
    console.info(`GraphiQL browser test: screenshots in ${shots}`);
    // Browsers ask for HTML (Accept: text/html…), and Yoga answers with GraphiQL.
    loaded = await page.goto(`${base}/graphql`, { waitUntil: 'load' });
    await queryEditor().filter({ hasText: 'mutation Register' }).waitFor({ timeout: VISIBLE_MS });
  });

  // A failed test leaves a picture of the page behind.
  afterEach(async ({ task }) => {
    if (task.result?.state === 'fail') await page?.screenshot({ path: join(shots, `failed-${task.name.replace(/\W+/g, '-').slice(0, 60)}.png`) });
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  const queryEditor = () => page.locator('.graphiql-query-editor .view-lines');
  const resultPane = () => page.locator('.graphiql-response .view-lines');
  /** The Variables and Headers editors share one section; Monaco names their models. */
  const toolEditor = (name: 'Variables' | 'Headers') => page.locator(`section.graphiql-editor-tool .monaco-editor[data-uri$="${name === 'Variables' ? '-variables.json' : '-request-headers.json'}"]`);

  /**
   * Clicks until `done` holds. A click on GraphiQL's tabs (framer-motion Reorder items) is now
   * and then lost while the page is busy; a person clicks again, and so does this.
   */
  const clickUntil = async (target: Locator, done: () => Promise<boolean>, what: string) => {
    const deadline = Date.now() + VISIBLE_MS;
    if (await done()) return;
    for (;;) {
      await target.click();
      for (const wait = Date.now() + 2_000; Date.now() < wait; ) {
        if (await done()) return;
        await page.waitForTimeout(50);
      }
      if (Date.now() > deadline) throw new Error(`${what}: still not done after clicking for ${VISIBLE_MS} ms`);
    }
  };

  const openTab = (name: string) =>
    clickUntil(page.locator('.graphiql-tab-button', { hasText: name }), async () => (await page.locator('.graphiql-tab-active').innerText()) === name, `open tab ${name}`);

  /** Replaces an editor tool's content (Variables or Headers) as a person would: select all, type (one line: Monaco indents typed newlines). */
  const fill = async (name: 'Variables' | 'Headers', value: string) => {
    const tab = page.locator(`.graphiql-editor-tools button[data-name="${name.toLowerCase()}"]`);
    await clickUntil(tab, async () => (await tab.getAttribute('class'))?.split(' ').includes('active') ?? false, `show ${name}`);
    const editor = toolEditor(name);
    await editor.click();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.insertText(value);
    // Monaco auto-closes the first `{`: drop whatever it left after the cursor.
    await page.keyboard.press('Shift+ControlOrMeta+End');
    await page.keyboard.press('Delete');
    const compact = (s: string) => s.replace(/\s+/g, '');
    await expect.poll(async () => compact(await text(editor.locator('.view-lines'))), { timeout: VISIBLE_MS }).toBe(compact(value));
  };

  const run = () => page.locator('.graphiql-execute-button').click();

  it('renders from loopback alone, with no console error and no CSP violation', async () => {
    expect(loaded?.status()).toBe(200);
    expect(loaded?.headers()['content-security-policy']).toMatch(/script-src 'self'(;|$)/);
    await expect.poll(() => page.locator('.graphiql-tab-button').allInnerTexts(), { timeout: VISIBLE_MS }).toEqual(['Register', 'Authenticate', 'CreateGame', 'PlaceTower', 'GameEvents']);
    // The schema arrived (the docs explorer opens with the root types) and nothing is still loading.
    await page.locator('button[aria-label="Show Documentation Explorer"]').click();
    await page.locator('.graphiql-doc-explorer').getByText('Mutation', { exact: true }).first().waitFor({ timeout: VISIBLE_MS });
    expect(await page.getByText(/Loading/).count()).toBe(0);
    await page.screenshot({ path: join(shots, '1-loaded.png') });
    await page.locator('button[aria-label="Hide Documentation Explorer"]').click();
    expect(consoleErrors).toEqual([]);
    expect(await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations)).toEqual([]);
    expect(offHost).toEqual([]);
  });

  it('opens the first tab with its example variables (graphql/graphiql#3392) and keeps them across tab switches and a reload', async () => {
    // First visit (fresh browser profile): the Register tab is active and its Variables are the example's.
    await expect.poll(() => page.locator('.graphiql-tab-active').innerText(), { timeout: VISIBLE_MS }).toBe('Register');
    const variables = toolEditor('Variables').locator('.view-lines');
    await expect.poll(async () => (await text(variables)).replace(/\s+/g, ''), { timeout: VISIBLE_MS }).toBe('{"input":{"username":"alice","email":"alice@example.com","password":"correcthorse"}}');
    // Run exactly as it opened: the server receives those variables.
    await run();
    const result = resultPane().filter({ hasText: /"username":\s"alice"/ });
    await result.waitFor({ timeout: VISIBLE_MS });
    expect(await text(result)).toMatch(/"__typename": "RegisterUserSuccess"/);
    // The tab still holds them after visiting another tab (the bug overwrote them with the empty editor).
    await openTab('CreateGame');
    await expect.poll(async () => (await text(variables)).replace(/\s+/g, ''), { timeout: VISIBLE_MS }).toBe('{"input":{"difficulty":"EASY","maxPlayers":2}}');
    await openTab('Register');
    await expect.poll(async () => (await text(variables)).replace(/\s+/g, ''), { timeout: VISIBLE_MS }).toContain('"username":"alice"');

    // A returning visit keeps what the person edited: no example values forced back in, no extra tab.
    await fill('Variables', JSON.stringify({ input: { username: 'edited', email: 'edited@example.com', password: 'correct horse' } }));
    await expect.poll(() => page.evaluate(() => window.localStorage.getItem('graphiql:tabState') ?? ''), { timeout: VISIBLE_MS }).toContain('edited@example.com');
    await page.reload({ waitUntil: 'load' });
    await queryEditor().filter({ hasText: 'mutation Register' }).waitFor({ timeout: VISIBLE_MS });
    await expect.poll(() => page.locator('.graphiql-tab-button').allInnerTexts(), { timeout: VISIBLE_MS }).toEqual(['Register', 'Authenticate', 'CreateGame', 'PlaceTower', 'GameEvents']);
    await expect.poll(async () => (await text(variables)).replace(/\s+/g, ''), { timeout: VISIBLE_MS }).toContain('"username":"edited"');
    // A reload inside the half second before GraphiQL saves the editor contents (saved tabs newer
    // than graphiql:variables): still exactly the saved tabs, with the saved values (it used to append a sixth tab).
    await page.evaluate(() => window.localStorage.setItem('graphiql:variables', '{"input":{"username":"stale"}}'));
    await page.reload({ waitUntil: 'load' });
    await queryEditor().filter({ hasText: 'mutation Register' }).waitFor({ timeout: VISIBLE_MS });
    await expect.poll(() => page.locator('.graphiql-tab-button').allInnerTexts(), { timeout: VISIBLE_MS }).toEqual(['Register', 'Authenticate', 'CreateGame', 'PlaceTower', 'GameEvents']);
    await expect.poll(async () => (await text(variables)).replace(/\s+/g, ''), { timeout: VISIBLE_MS }).toContain('"username":"edited"');
    await page.screenshot({ path: join(shots, '2-first-tab.png') });
    expect(consoleErrors).toEqual([]);
  });

  it('runs a mutation typed into the editor and shows its result', async () => {
    const username = `br${Date.now().toString(36)}`;
    await openTab('Register');
    await fill('Variables', JSON.stringify({ input: { username, email: `${username}@example.com`, password: 'correct horse' } }));
    await run();
    const result = resultPane().filter({ hasText: username });
    await result.waitFor({ timeout: VISIBLE_MS });
    expect(await text(result)).toMatch(/"__typename": "RegisterUserSuccess"/);
    await page.screenshot({ path: join(shots, '3-mutation.png') });
    expect(consoleErrors).toEqual([]);
  });

  it('subscribes with the token in the Headers tab and shows a live event caused through the API', async () => {
    const host = await signUp(app, 'browser');
    const { createGameSession } = await host.client.data(CreateGameSessionDocument, { input: { difficulty: 'EASY', maxPlayers: 2 } });
    if (createGameSession.__typename !== 'CreateGameSessionSuccess') throw new Error(JSON.stringify(createGameSession));
    const sessionId = createGameSession.gameSession.id;

    await openTab('GameEvents');
    await queryEditor().filter({ hasText: 'subscription GameEvents' }).waitFor({ timeout: VISIBLE_MS });
    await fill('Variables', JSON.stringify({ sessionId, afterVersion: 0 }));
    await fill('Headers', JSON.stringify({ Authorization: `Bearer ${host.token}` }));
    await run();
    // The replay (created, host joined) first: then the subscription is live.
    await resultPane().filter({ hasText: /"version":\s2\b/ }).waitFor({ timeout: VISIBLE_MS });

    const { placeTower } = await host.client.data(PlaceTowerDocument, { input: { sessionId, towerType: 'ARROW', x: 0, y: 0 } });
    expect(placeTower.__typename).toBe('PlaceTowerSuccess');
    const live = resultPane().filter({ hasText: /"eventType":\s"TowerPlaced"/ });
    await live.waitFor({ timeout: VISIBLE_MS });
    expect(await text(live)).toMatch(/"version": 3\b/);
    await page.screenshot({ path: join(shots, '4-subscription.png') });

    expect(consoleErrors).toEqual([]);
    expect(await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations)).toEqual([]);
    expect(offHost).toEqual([]);
  });
});
