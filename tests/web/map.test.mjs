// The map page in a real browser (Debian chromium driven by playwright-core):
// builds a database from the project's own sample articles, serves it with
// `sitrep serve`, loads the page, sees markers, filters, opens an event.
// Run by `make test` through scripts/web-test.sh; screenshots are kept in
// build/web-artifacts/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const bin = process.env.SITREP_BIN || path.join(root, 'build/sitrep');
const artifacts = path.join(root, 'build/web-artifacts');
const port = 18000 + (process.pid % 1000);
const base = `http://127.0.0.1:${port}`;
let server, browser, page, dir;

async function waitForServer() {
  for (let i = 0; i < 100; i++) {
    try { if ((await fetch(base + '/api/stats')).ok) return; } catch { /* not yet */ }
    await new Promise(r => setTimeout(r, 100));
  }
  throw new Error('server did not start');
}

before(async () => {
  mkdirSync(artifacts, { recursive: true });
  dir = mkdtempSync(path.join(tmpdir(), 'sitrep-web-'));
  const db = path.join(dir, 'web.db');
  execFileSync(bin, ['ingest', path.join(root, 'data/sample'), '--db', db], { stdio: 'pipe' });
  server = spawn(bin, ['serve', '--db', db, '--port', String(port), '--host', '127.0.0.1'], { stdio: 'pipe' });
  await waitForServer();
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
           '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  page.on('pageerror', e => console.error('page error:', e.message));
});

after(async () => {
  if (browser) await browser.close();
  if (server) server.kill('SIGTERM');
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('the page loads offline with the base map and event markers', async () => {
  await page.goto(base + '/');
  await page.waitForSelector('body[data-ready="1"]', { timeout: 15000 });
  const shown = Number(await page.getAttribute('body', 'data-events'));
  const api = await (await fetch(base + '/api/events?limit=1000')).json();
  const located = api.events.filter(e => e.location && e.location.lat !== null).length;
  assert.ok(located > 0, 'the sample database has located events');
  assert.equal(shown, located);
  const markers = await page.locator('.ev-marker, .marker-cluster').count();
  assert.ok(markers > 0, 'markers or clusters are drawn');
  assert.ok(await page.locator('path.leaflet-interactive').count() > 10, 'country borders are drawn');
  assert.match(await page.textContent('.credits'), /GeoNames/);
  await page.screenshot({ path: path.join(artifacts, 'map.png') });
});

test('a type filter narrows the map to that type', async () => {
  const api = await (await fetch(base + '/api/events?limit=1000')).json();
  const types = [...new Set(api.events.filter(e => e.location && e.location.lat !== null).map(e => e.event_type))];
  const type = types[0];
  const expected = api.events.filter(e => e.event_type === type && e.location && e.location.lat !== null).length;
  await page.selectOption('#f-type', type);
  await page.waitForFunction(n => document.body.dataset.events === String(n), expected, { timeout: 10000 });
  await page.screenshot({ path: path.join(artifacts, 'filtered.png') });
  await page.click('#f-reset');
});

test('clicking an event shows its claims and highlighted evidence', async () => {
  await page.waitForSelector('body[data-ready="1"]');
  // Uncluster by zooming in on a marker's area until a single marker shows.
  let marker = page.locator('.ev-marker').first();
  for (let i = 0; i < 5 && (await marker.count()) === 0; i++) {
    await page.locator('.marker-cluster').first().click();
    await page.waitForTimeout(400);
    marker = page.locator('.ev-marker').first();
  }
  await marker.click();
  await page.waitForSelector('#details[data-event] table#claims', { timeout: 10000 });
  const id = await page.getAttribute('#details', 'data-event');
  const event = await (await fetch(base + '/api/events/' + id)).json();
  assert.equal(await page.locator('#claims tr.top').count(), 1, 'the event row');
  assert.equal(await page.locator('#claims tr.claim').count(), event.claims.length, 'one row per claim');
  await page.waitForSelector('#details mark.evidence', { timeout: 10000 });
  const marked = await page.textContent('#details mark.evidence');
  assert.ok(marked.trim().length > 10, 'an evidence sentence is highlighted');
  await page.screenshot({ path: path.join(artifacts, 'event.png') });
});
