/**
 * The web client at `/` in a real browser (Debian's headless Chromium via playwright-core) against
 * a real server on the suite's private Redis: two players in two browser contexts register, make
 * a game, build towers by clicking the board and play it to the end, each seeing the other live;
 * an admin spectates, goes offline mid-game and comes back to exactly the server's board; access
 * tokens live 10 s here, so every page refreshes them several times mid-game without losing the
 * view, and a replayed refresh token signs its page out with a message; the admin sees the lag
 * chart and changes game.startingGold (with a validation error and a version conflict on the
 * way), and the next game starts with it; a player is refused the ops pages by the server.
 *
 * Any console error, page error, CSP violation or request to a host other than loopback fails the
 * run. Screenshots (lobby, board mid-wave, ops, phone) go to a temp dir printed once.
 * Needs /usr/bin/chromium (skipped locally without it; fails under CI).
 */
import { existsSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AuthenticateUserDocument, GameSessionDocument, RefreshTokenDocument, UpdateConfigurationDocument, type GameSessionFieldsFragment } from '../generated/graphql.js';
import { eventually } from '../support/players.js';
import { startTestApp, type TestApp } from '../support/testApp.js';
import type { GraphQLClient } from '../support/graphqlClient.js';

const CHROMIUM = '/usr/bin/chromium';
const skip = !existsSync(CHROMIUM) && !process.env.CI;
const title = skip ? `Web client in Chromium: SKIPPED, ${CHROMIUM} is missing (apt-get install -y chromium; under CI this fails instead)` : 'Web client in Chromium';
if (skip) console.warn(title);

const ADMIN = { username: 'webadmin', password: 'admin-password-1' };
const PASSWORD = 'correct horse';
const TTL_SECONDS = 10;
const VISIBLE_MS = 20_000;

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);
const isLoopback = (url: string): boolean => {
  try {
    const { protocol, hostname } = new URL(url);
    return protocol === 'data:' || protocol === 'blob:' || LOOPBACK.has(hostname);
  } catch {
    return false;
  }
};

/** What a board shows, read from the page's DOM. */
interface Shown {
  version: number;
  towers: string[];
  gold: string[];
  wave: string;
  lives: string;
  score: string;
  status: string;
}

const expectedBoard = (g: GameSessionFieldsFragment): Shown => ({
  version: g.version,
  towers: g.towers.map((t) => `${t.x},${t.y}:${t.towerType}:${t.ownerId}`).sort(),
  gold: g.players.map((p) => `${p.userId}:${p.gold} gold`).sort(),
  wave: `${g.currentWave} of ${g.totalWaves}`,
  lives: String(g.lives),
  score: String(g.score),
  status: g.status.toLowerCase(),
});

const shownBoard = (page: Page): Promise<Shown> =>
  page.evaluate(() => {
    const text = (id: string) => document.querySelector(`[data-testid="${id}"]`)?.textContent?.trim() ?? '';
    return {
      version: Number(document.querySelector('[data-testid="board"]')?.getAttribute('data-version')),
      towers: [...document.querySelectorAll('[data-tower]')].map((g) => `${g.getAttribute('data-tower')}:${g.getAttribute('data-tower-type')}:${g.getAttribute('data-owner')}`).sort(),
      gold: [...document.querySelectorAll('[data-player]')].map((li) => `${li.getAttribute('data-player')}:${li.querySelector('[data-testid="gold"]')?.textContent?.trim()}`).sort(),
      wave: text('wave'),
      lives: text('lives'),
      score: text('score'),
      status: text('status'),
    };
  });

const storedSession = (page: Page) =>
  page.evaluate(() => JSON.parse(localStorage.getItem('defense-allies.session') ?? 'null') as { viewer: { id: string }; tokens: { accessToken: string; refreshToken: string } } | null);

describe.skipIf(skip)(title, () => {
  let app: TestApp;
  let base: string;
  let browser: Browser;
  let shots: string;
  /** The admin over the API (tokens live 10 s here: refreshed when older than 5 s). */
  let adminAuth: { accessToken: string; refreshToken: string; at: number };
  const admin = async (): Promise<GraphQLClient> => {
    if (Date.now() - adminAuth.at > 5_000) {
      const { refreshToken } = await app.client.data(RefreshTokenDocument, { input: { refreshToken: adminAuth.refreshToken } });
      if (refreshToken.__typename !== 'RefreshTokenSuccess') throw new Error(JSON.stringify(refreshToken));
      adminAuth = { accessToken: refreshToken.accessToken, refreshToken: refreshToken.refreshToken, at: Date.now() };
    }
    return app.client.withToken(adminAuth.accessToken);
  };
  const contexts: BrowserContext[] = [];
  const pages = new Map<string, Page>();
  /** Console errors, page errors, CSP violations and off-host requests: must stay empty. */
  const problems: string[] = [];
  /**
   * Contexts deliberately cut off: the browser's own log line for a request that was in flight
   * when the network went away (net::ERR_INTERNET_DISCONNECTED) is expected there, nothing else.
   */
  const cutOff = new Set<string>();

  const open = async (name: string, viewport: { width: number; height: number }): Promise<{ context: BrowserContext; page: Page }> => {
    const context = await browser.newContext({ viewport });
    contexts.push(context);
    await context.route('**/*', async (route) => {
      const url = route.request().url();
      if (isLoopback(url)) return route.continue();
      problems.push(`${name}: request to ${url}`);
      return route.abort('blockedbyclient');
    });
    await context.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) => console.error(`CSP: ${e.effectiveDirective} blocked ${e.blockedURI || '(inline)'}`));
    });
    context.setDefaultTimeout(VISIBLE_MS);
    const page = await context.newPage();
    page.on('console', (message) => {
      if (message.type() !== 'error') return;
      if (cutOff.has(name) && /^Failed to load resource: net::ERR_INTERNET_DISCONNECTED$/.test(message.text())) return;
      problems.push(`${name} console.error: ${message.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`${name} pageerror: ${error.message}`));
    page.on('websocket', (ws) => {
      if (!isLoopback(ws.url())) problems.push(`${name}: websocket to ${ws.url()}`);
    });
    pages.set(name, page);
    return { context, page };
  };

  const register = async (page: Page, username: string) => {
    await page.goto(`${base}/`);
    const form = page.getByTestId('register-form');
    await form.getByLabel('Username').fill(username);
    await form.getByLabel('Email').fill(`${username}@example.com`);
    await form.getByLabel(/^Password/).fill(PASSWORD);
    await form.getByRole('button', { name: 'Register and play' }).click();
    await page.getByRole('heading', { name: 'Lobby' }).waitFor();
  };

  const logIn = async (page: Page, login: string, password: string) => {
    await page.goto(`${base}/`);
    const form = page.getByTestId('login-form');
    await form.getByLabel('Username or email').fill(login);
    await form.getByLabel('Password').fill(password);
    await form.getByRole('button', { name: 'Log in' }).click();
    await page.getByRole('heading', { name: 'Lobby' }).waitFor();
  };

  const serverBoard = async (id: string): Promise<GameSessionFieldsFragment> => {
    const { gameSession } = await (await admin()).data(GameSessionDocument, { id });
    if (!gameSession) throw new Error(`no game ${id}`);
    return gameSession;
  };

  /** Waits until the page shows exactly the server's board. */
  const showsServerBoard = async (page: Page, id: string) => {
    let last: { shown: Shown; expected: Shown } | null = null;
    try {
      await eventually(async () => {
        const expected = expectedBoard(await serverBoard(id));
        const shown = await shownBoard(page);
        last = { shown, expected };
        return JSON.stringify(shown) === JSON.stringify(expected);
      }, VISIBLE_MS, 100);
    } catch (error) {
      const seen = last as { shown: Shown; expected: Shown } | null;
      expect(seen?.shown, 'the page shows the server board').toEqual(seen?.expected);
      throw error;
    }
  };

  const place = async (page: Page, towerType: string, x: number, y: number) => {
    await page.locator(`[data-tower-type="${towerType}"][role="radio"]`).click();
    await page.locator(`[data-cell="${x},${y}"]`).click();
    await page.locator(`[data-tower="${x},${y}"]`).waitFor();
  };

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: install Debian's chromium package (.ci/run does)`);
    shots = await mkdtemp(join(tmpdir(), 'web-client-browser-'));
    app = await startTestApp({ overrides: { 'auth.adminUsername': ADMIN.username, 'auth.adminPassword': ADMIN.password, 'auth.accessTokenTtlSeconds': TTL_SECONDS } });
    base = `http://127.0.0.1:${(await app.server.listen(0)).port}`;
    const { authenticateUser } = await app.client.data(AuthenticateUserDocument, { input: { login: ADMIN.username, password: ADMIN.password } });
    if (authenticateUser.__typename !== 'AuthenticateUserSuccess') throw new Error(JSON.stringify(authenticateUser));
    adminAuth = { accessToken: authenticateUser.accessToken, refreshToken: authenticateUser.refreshToken, at: Date.now() };
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    console.info(`Web client browser test: screenshots in ${shots}`);
  });

  afterEach(async ({ task }) => {
    if (task.result?.state !== 'fail') return;
    for (const [name, page] of pages) await page.screenshot({ path: join(shots, `failed-${name}.png`), fullPage: true }).catch(() => undefined);
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('serves the client at / under a strict CSP, its assets cacheable for good', async () => {
    const page = await fetch(`${base}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toMatch(/script-src 'self';.*style-src 'self';.*connect-src 'self'/);
    expect(page.headers.get('cache-control')).toBe('no-cache');
    const html = await page.text();
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    expect(script).toBeDefined();
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/); // no inline script
    const asset = await fetch(`${base}${script}`, { headers: { 'accept-encoding': 'gzip' } });
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(asset.headers.get('content-type')).toMatch(/javascript/);
    expect((await fetch(`${base}/assets/nope.js`)).status).toBe(404);
    expect((await fetch(`${base}/health`)).status).toBe(200);
  });

  let gameId = '';
  let alice: Page;
  let bob: Page;
  let spectator: { context: BrowserContext; page: Page };
  const names = { alice: `alice${Date.now().toString(36).slice(-5)}`, bob: `bob${Date.now().toString(36).slice(-5)}` };

  it('two players register, make a game and each build by clicking; the other sees it live', async () => {
    alice = (await open('alice', { width: 1280, height: 860 })).page;
    bob = (await open('bob', { width: 390, height: 844 })).page;

    // A typed error next to its field: a password that is too short.
    await bob.goto(`${base}/`);
    const form = bob.getByTestId('register-form');
    await form.getByLabel('Username').fill(names.bob);
    await form.getByLabel('Email').fill(`${names.bob}@example.com`);
    await form.getByLabel(/^Password/).fill('short');
    await form.getByRole('button', { name: 'Register and play' }).click();
    await expect.poll(() => bob.locator('#register-password-error').textContent()).toMatch(/8/);
    expect(await bob.locator('#register-password').getAttribute('aria-invalid')).toBe('true');

    await register(alice, names.alice);
    await register(bob, names.bob);
    // The lobby loaded whole: the maps arrived, and no error is shown.
    await alice.getByTestId('create-game').getByLabel('Map').locator('option', { hasText: 'Canyon' }).waitFor({ state: 'attached' });
    expect(await alice.locator('.lobby .notice.error').allTextContents()).toEqual([]);

    await alice.getByTestId('create-game').getByLabel('Players').selectOption('2');
    await alice.getByTestId('create-game').getByRole('button', { name: 'Create game' }).click();
    await alice.getByTestId('board').waitFor();
    gameId = decodeURIComponent(/#\/game\/(.+)$/.exec(alice.url())?.[1] ?? '');
    expect(gameId).not.toBe('');

    // Bob's lobby lists the new game live, and he joins it from there.
    const listed = bob.locator(`[data-game-id="${gameId}"]`);
    await listed.getByRole('button', { name: /^Join/ }).click();
    await bob.getByTestId('board').waitFor();
    await alice.locator('[data-testid="players"] li').nth(1).waitFor();
    await alice.screenshot({ path: join(shots, 'board-lobby.png') });

    // Invalid and occupied cells are shown as such before any click; clicking one sends nothing.
    expect(await alice.locator('[data-cell="0,1"]').getAttribute('data-state')).toBe('path');
    await alice.locator('[data-cell="0,1"]').click({ force: true });
    await expect.poll(() => alice.getByTestId('game-message').textContent()).toMatch(/enemy path/);

    const started = Date.now();
    await place(alice, 'ARROW', 0, 0);
    await bob.locator('[data-tower="0,0"]').waitFor();
    const aliceToBob = Date.now() - started;
    const back = Date.now();
    await place(bob, 'FROST', 1, 2);
    await alice.locator('[data-tower="1,2"]').waitFor();
    console.info(`web client: a tower placed by one player appeared on the other's board after ${aliceToBob} ms and ${Date.now() - back} ms (click to render)`);
    expect(await alice.locator('[data-cell="0,0"]').getAttribute('data-state')).toBe('occupied');

    // Unaffordable: after a cannon Alice has 50 gold, so a sniper (125) is marked and not sent.
    await place(alice, 'CANNON', 3, 2);
    await alice.locator('[data-tower-type="SNIPER"][role="radio"]').click();
    expect(await alice.locator('[data-tower-type="SNIPER"][role="radio"]').getAttribute('class')).toMatch(/unaffordable/);
    expect(await alice.locator('[data-cell="5,3"]').getAttribute('data-state')).toBe('unaffordable');
    await alice.locator('[data-cell="5,3"]').click({ force: true });
    await expect.poll(() => alice.getByTestId('game-message').textContent()).toMatch(/costs 125 gold; you have 50/);
    expect(await alice.locator('[data-tower="5,3"]').count()).toBe(0);

    await showsServerBoard(alice, gameId);
    await showsServerBoard(bob, gameId);
    expect(problems).toEqual([]);
  });

  it('plays waves to the end live; a spectator cut off mid-game comes back to exactly the server board', async () => {
    spectator = await open('spectator', { width: 1100, height: 800 });
    await logIn(spectator.page, ADMIN.username, ADMIN.password);
    await spectator.page.goto(`${base}/#/game/${encodeURIComponent(gameId)}`);
    await spectator.page.getByTestId('board').waitFor();
    await showsServerBoard(spectator.page, gameId);

    const waveOf = async (page: Page) => Number(/^(\d+)/.exec((await page.getByTestId('wave').textContent()) ?? '')?.[1]);
    const startWave = async (page: Page) => {
      const before = await waveOf(page);
      await page.getByTestId('start-wave').click();
      await expect.poll(() => waveOf(page), { timeout: VISIBLE_MS }).toBe(before + 1);
    };

    await startWave(alice);
    // The wave replays on the board (enemies walk the path): the mid-wave picture.
    await alice.getByTestId('wave-animation').waitFor();
    await alice.waitForTimeout(1_200);
    await alice.screenshot({ path: join(shots, 'board-mid-wave.png') });
    await bob.screenshot({ path: join(shots, 'board-phone.png'), fullPage: true });

    // Offline: the spectator says so, misses a tower and a wave, then resumes after its last version.
    await spectator.page.locator('[data-tower="0,0"]').waitFor();
    cutOff.add('spectator');
    await spectator.context.setOffline(true);
    await expect.poll(() => spectator.page.getByTestId('connection').getAttribute('data-state')).toBe('reconnecting');
    await expect.poll(() => spectator.page.getByTestId('connection').textContent()).toMatch(/Reconnecting/);
    await place(bob, 'ARROW', 4, 0);
    await startWave(bob);
    const missed = await serverBoard(gameId);
    expect((await shownBoard(spectator.page)).version).toBeLessThan(missed.version);
    await spectator.context.setOffline(false);
    await showsServerBoard(spectator.page, gameId);
    await expect.poll(() => spectator.page.getByTestId('connection').getAttribute('data-state')).toBe('live');
    cutOff.delete('spectator');

    // To the end of the game, both players and the spectator see the result.
    for (let wave = 0; wave < missed.totalWaves && (await serverBoard(gameId)).status !== 'ENDED'; wave++) await startWave(wave % 2 ? bob : alice);
    const final = await serverBoard(gameId);
    expect(final.status).toBe('ENDED');
    const banner = final.result === 'VICTORY' ? /Victory!/ : /Defeat/;
    for (const page of [alice, bob, spectator.page]) {
      await expect.poll(() => page.getByTestId('result').textContent()).toMatch(banner);
      await showsServerBoard(page, gameId);
    }
    expect(problems).toEqual([]);
  });

  it('refreshed the short-lived access tokens mid-game without losing the view; a replayed refresh token signs out with a message', async () => {
    // Everything above took longer than the 10 s token lifetime, several times over for Alice.
    const first = await storedSession(alice);
    await expect.poll(async () => (await storedSession(alice))?.tokens.accessToken, { timeout: TTL_SECONDS * 1_000 * 2 }).not.toBe(first?.tokens.accessToken);
    expect(alice.url()).toContain(`#/game/${encodeURIComponent(gameId)}`);
    expect(await alice.getByTestId('board').count()).toBe(1);
    expect(Number(await alice.getByTestId('game').getAttribute('data-resumed'))).toBeGreaterThan(0);
    await showsServerBoard(alice, gameId);

    // Someone replays Bob's refresh token: rotation sees the reuse and ends the session.
    const stolen = (await storedSession(bob))!.tokens.refreshToken;
    await app.client.data(RefreshTokenDocument, { input: { refreshToken: stolen } });
    await app.client.data(RefreshTokenDocument, { input: { refreshToken: stolen } });
    await bob.getByTestId('signed-out-notice').waitFor({ timeout: TTL_SECONDS * 1_000 * 2 });
    expect(await bob.getByTestId('signed-out-notice').textContent()).toMatch(/signed out.*refresh token is used twice/s);
    expect(await storedSession(bob)).toBeNull();
    await logIn(bob, names.bob, PASSWORD);
    expect(problems).toEqual([]);
  });

  it('ops: the admin sees the lag chart and changes game.startingGold; a player is refused by the server', async () => {
    const page = spectator.page;
    await page.goto(`${base}/#/ops`);
    await page.getByTestId('lag-chart').locator('polyline').first().waitFor({ state: 'attached' });
    await expect.poll(() => page.getByTestId('projections').locator('tbody tr').count()).toBeGreaterThan(0);

    const editor = page.getByTestId('config-editor');
    await page.getByTestId('configuration').getByRole('button', { name: 'game.startingGold' }).click();
    await editor.getByRole('heading', { name: 'game.startingGold' }).waitFor();
    // Refused by the setting's schema: the message sits next to the value.
    await editor.getByLabel('Value (JSON)').fill('-5');
    await editor.getByRole('button', { name: 'Save' }).click();
    await page.locator('#config-value-error').waitFor();
    // Someone else changes it meanwhile: a version conflict, said as such.
    const { updateConfiguration } = await (await admin()).data(UpdateConfigurationDocument, { input: { key: 'game.startingGold', value: 250, expectedVersion: 0 } });
    expect(updateConfiguration.__typename).toBe('UpdateConfigurationSuccess');
    await editor.getByLabel('Value (JSON)').fill('300');
    await editor.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => page.getByTestId('config-message').textContent()).toMatch(/changed game.startingGold meanwhile.*version 0.*now 1/);
    await editor.getByRole('button', { name: 'Reload' }).click();
    await expect.poll(() => editor.getByText('editing version 1').count()).toBe(1);
    await editor.getByLabel('Value (JSON)').fill('300');
    await editor.getByLabel(/^Reason/).fill('browser test');
    await editor.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => page.getByTestId('config-message').textContent()).toMatch(/is now 300 \(version 2\)/);
    // The chart gains a point per live status update: three of them may take a while on a loaded machine.
    await expect.poll(() => page.getByTestId('lag-chart').locator('polyline').first().getAttribute('points'), { timeout: 30_000 }).toMatch(/ .* /);
    await page.screenshot({ path: join(shots, 'ops.png'), fullPage: true });

    // A player's next game starts with the new gold.
    await alice.goto(`${base}/#/`);
    await alice.getByTestId('create-game').getByRole('button', { name: 'Create game' }).click();
    await alice.getByTestId('board').waitFor();
    await expect.poll(() => alice.locator('[data-player] [data-testid="gold"]').first().textContent()).toBe('300 gold');
    await alice.goto(`${base}/#/`);
    await alice.getByRole('heading', { name: 'Lobby' }).waitFor();
    await alice.screenshot({ path: join(shots, 'lobby.png'), fullPage: true });

    // Bob is not an admin: no Ops link, and the server refuses what the page asks for.
    expect(await bob.getByRole('link', { name: 'Ops' }).count()).toBe(0);
    await bob.goto(`${base}/#/ops`);
    await expect.poll(() => bob.getByTestId('ops-refused').textContent()).toMatch(/administrators only. The server refused/);
    expect(problems).toEqual([]);
  });
});
