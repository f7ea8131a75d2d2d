// The map page in a real browser (Debian chromium driven by playwright-core):
// builds a database from the project's own sample articles, serves it with
// `sitrep serve`, loads the page, sees markers, filters, opens an event,
// checks the cluster colours, the table of the events in view, its sort and
// its CSV download, and the timeline's span.
// Run by `make test` through scripts/web-test.sh; screenshots are kept in
// build/web-artifacts/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, readFileSync, writeFileSync } from 'node:fs';
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
  // An article published decades before the others: its event must not
  // stretch the timeline over the years between.
  const old = path.join(dir, 'old.jsonl');
  writeFileSync(old, JSON.stringify({ id: 'old-1', date: '1990-05-02', lang: 'fr',
    text: "Des frappes aériennes ont tué cinq civils mardi près d'Idleb, selon un responsable local." }) + '\n');
  execFileSync(bin, ['ingest', old, '--db', db], { stdio: 'pipe' });
  server = spawn(bin, ['serve', '--db', db, '--port', String(port), '--host', '127.0.0.1'], { stdio: 'pipe' });
  await waitForServer();
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
           '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  page = await browser.newPage({ viewport: { width: 1280, height: 800 }, acceptDownloads: true });
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
  // The borders are drawn on a canvas: some of its pixels are the land's colour.
  const land = await page.evaluate(() => {
    const c = document.querySelector('#map canvas');
    if (!c) return 0;
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    let n = 0;
    for (let i = 0; i < d.length; i += 4) if (d[i] === 0xf4 && d[i + 1] === 0xf1 && d[i + 2] === 0xea) n++;
    return n / (c.width * c.height);
  });
  assert.ok(land > 0.05, `country borders are drawn (${(100 * land).toFixed(0)}% of the map is land)`);
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
  // Each claim names its source by the words of the text, not only its id.
  const words = await page.locator('#claims tr.claim .words').allTextContents();
  for (const [i, c] of event.claims.entries()) {
    if (c.text) assert.equal(words[i], c.text, `claim ${i} shows the source's words`);
    else assert.ok(words[i].length > 0);
  }
  await page.screenshot({ path: path.join(artifacts, 'event.png') });
});

// ---- helpers for the table and the download ----

function parseCsv(text) {
  const rows = [];
  let row = [], cell = '', quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { cell += '"'; i++; }
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(cell); cell = ''; }
    else if (c === '\r') { /* CRLF */ }
    else if (c === '\n') { row.push(cell); rows.push(row); row = []; cell = ''; }
    else cell += c;
  }
  if (cell || row.length) { row.push(cell); rows.push(row); }
  return rows;
}

// The ids of the located events inside the map's current bounds, computed
// here from the API (not from the page's table code).
async function idsInView() {
  const [s, w, n, e] = await page.evaluate(() => {
    const b = map.getBounds();
    return [b.getSouth(), b.getWest(), b.getNorth(), b.getEast()];
  });
  const fc = await (await fetch(base + '/api/events.geojson?limit=5000')).json();
  return fc.features.filter(f => {
    const [lon, lat] = f.geometry.coordinates;
    return lat >= s && lat <= n && lon >= w && lon <= e;
  }).map(f => f.properties.id).sort();
}

async function tableIds() {
  return page.locator('#event-table tbody tr').evaluateAll(trs => trs.map(tr => tr.dataset.id));
}

async function columnTexts(key) {
  const index = await page.locator('#event-table th').evaluateAll(
    (ths, k) => ths.findIndex(th => th.dataset.key === k), key);
  return page.locator('#event-table tbody tr').evaluateAll(
    (trs, i) => trs.map(tr => tr.children[i].textContent), index);
}

test('clusters take the colour of their most frequent event type and show their count', async () => {
  await page.click('#f-reset');
  await page.evaluate(() => { map.setView([25, 20], 2, { animate: false }); });
  await page.waitForTimeout(600);
  const clusters = await page.evaluate(() => {
    const out = [];
    map.eachLayer(l => {
      if (!(l instanceof L.MarkerCluster) || !l._icon) return;
      const fill = l._icon.querySelector('.fill');
      out.push({
        types: l.getAllChildMarkers().map(m => m.options.eventType),
        count: l.getChildCount(),
        text: fill ? fill.textContent : null,
        color: fill ? getComputedStyle(fill).backgroundColor : null,
        defaultClass: /marker-cluster-(small|medium|large)/.test(l._icon.className),
      });
    });
    return out;
  });
  assert.ok(clusters.length > 0, 'zoomed out, the sample events form clusters');
  const legend = await page.locator('.legend i').evaluateAll(is => Object.fromEntries(
    is.map(i => [i.dataset.type, getComputedStyle(i).backgroundColor])));
  for (const c of clusters) {
    const counts = {};
    for (const t of c.types) counts[t] = (counts[t] || 0) + 1;
    const most = Math.max(...Object.values(counts));
    const dominant = Object.keys(counts).filter(t => counts[t] === most);
    assert.equal(c.text, String(c.count), 'the cluster shows its count');
    assert.ok(dominant.some(t => legend[t] === c.color),
      `cluster of ${JSON.stringify(counts)} is ${c.color}, the legend's colour of ${dominant.join(' or ')}`);
    assert.ok(!c.defaultClass, 'not the size-coloured default clusters');
  }
  await page.screenshot({ path: path.join(artifacts, 'clusters.png') });
});

test('the table lists the events in view, sorts, and downloads exactly its rows', async () => {
  await page.click('#f-reset');
  await page.waitForTimeout(500);
  await page.click('#t-toggle');
  await page.waitForSelector('#table-panel #event-table tbody tr');
  assert.deepEqual([...(await tableIds())].sort(), await idsInView(), 'all events in the fitted view');

  // Closer in, on one event's place: the table follows the view.
  const fc = await (await fetch(base + '/api/events.geojson?limit=5000')).json();
  const [lon, lat] = fc.features[0].geometry.coordinates;
  await page.evaluate(([la, lo]) => { map.setView([la, lo], 7, { animate: false }); }, [lat, lon]);
  await page.waitForTimeout(500);
  const inView = await idsInView();
  assert.ok(inView.length >= 1 && inView.length < fc.features.length, 'a part of the events is in view');
  assert.deepEqual([...(await tableIds())].sort(), inView);
  assert.equal(await page.getAttribute('body', 'data-in-view'), String(inView.length));

  // Back to every event; sort by deaths, both ways, then by date.
  await page.click('#f-reset');
  await page.waitForTimeout(500);
  await page.click('#event-table th[data-key="fatalities"]');
  const up = (await columnTexts('fatalities')).map(Number);
  assert.deepEqual(up, [...up].sort((a, b) => a - b), 'ascending deaths');
  await page.click('#event-table th[data-key="fatalities"]');
  const down = (await columnTexts('fatalities')).map(Number);
  assert.deepEqual(down, [...down].sort((a, b) => b - a), 'descending deaths');
  assert.equal(await page.getAttribute('#event-table th[data-key="fatalities"]', 'aria-sort'), 'descending');
  assert.ok(down[0] > down[down.length - 1], 'the sample has different death counts');
  await page.click('#event-table th[data-key="date"]');
  const dates = await columnTexts('date');
  assert.deepEqual(dates, [...dates].sort(), 'ascending dates');
  await page.click('#event-table th[data-key="fatalities"]');
  await page.click('#event-table th[data-key="fatalities"]');

  // The download: the table's rows in the table's order, with the ACLED
  // export's own cells for its ACLED columns.
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#t-download')]);
  assert.match(download.suggestedFilename(), /\.csv$/);
  const rows = parseCsv(readFileSync(await download.path(), 'utf8'));
  const [header, ...body] = rows;
  assert.deepEqual(body.map(r => r[header.indexOf('event_id_cnty')]), await tableIds(), 'exactly the rows shown');
  const acled = await (await fetch(base + '/api/acled/read?limit=0')).json();
  const byId = Object.fromEntries(acled.data.map(r => [r.event_id_cnty, r]));
  for (const r of body) {
    const ref = byId[r[header.indexOf('event_id_cnty')]];
    for (const col of ['event_date', 'event_type', 'sub_event_type', 'actor1', 'actor2', 'country', 'admin1',
                       'location', 'latitude', 'longitude', 'fatalities', 'source'])
      assert.equal(r[header.indexOf(col)], ref[col], `${col} of ${ref.event_id_cnty}`);
  }
  await page.screenshot({ path: path.join(artifacts, 'map-with-table.png') });
});

test('the timeline spans the events of the reports, not a decades-old one', async () => {
  await page.click('#f-reset');
  await page.waitForTimeout(500);
  const api = await (await fetch(base + '/api/events?limit=1000')).json();
  const days = api.events.filter(e => e.date && e.date.start && !e.background).map(e => e.date.start).sort();
  assert.ok(days[0] < '2000-01-01', 'the old article gave an event');
  const svg = page.locator('#timeline');
  assert.equal(await svg.getAttribute('data-from'), days[1], 'starts at the first event after the outlier');
  assert.equal(await svg.getAttribute('data-to'), days[days.length - 1]);
  assert.match(await page.textContent('#timeline-outside'), /^1 dated event/);
  await page.screenshot({ path: path.join(artifacts, 'timeline.png') });
});

test('with more events than the page shows as points, the map asks for counts per area', async () => {
  // ?points=1: any view holding more than one event is drawn as grid cells.
  const api = await (await fetch(base + '/api/events?limit=1000')).json();
  const located = api.events.filter(e => e.location && e.location.lat !== null);
  assert.ok(located.length > 1);
  await page.goto(base + '/?points=1');
  await page.waitForSelector('body[data-ready="1"]', { timeout: 15000 });
  await page.evaluate(() => { map.setView([25, 20], 2, { animate: false }); });
  await page.waitForFunction(() => document.body.dataset.mode === 'grid', null, { timeout: 10000 });
  const counts = (await page.locator('.ev-cell .cell').evaluateAll(cs => cs.map(c => Number(c.dataset.count))));
  assert.ok(counts.length > 0, 'grid cells are drawn');
  assert.equal(counts.reduce((a, b) => a + b, 0), located.length, 'the cells count every located event');
  assert.equal(await page.locator('.ev-marker').count(), 0, 'no single event is drawn');
  // The cells are the server's: the same counts as /api/events/grid at that level.
  const grid = await (await fetch(base + '/api/events/grid?level=0')).json();
  assert.deepEqual([...counts].sort((a, b) => a - b), grid.cells.map(c => c.events).sort((a, b) => a - b));
  await page.screenshot({ path: path.join(artifacts, 'grid.png') });
  // Zoomed in on a place of one event only: its point again.
  const alone = located.find(e => located.filter(o => Math.abs(o.location.lon - e.location.lon) < 0.2 &&
                                                   Math.abs(o.location.lat - e.location.lat) < 0.2).length === 1);
  if (!alone) return;
  const [lon, lat] = [alone.location.lon, alone.location.lat];
  await page.evaluate(([la, lo]) => { map.setView([la, lo], 12, { animate: false }); }, [lat, lon]);
  await page.waitForFunction(() => document.body.dataset.mode === 'points', null, { timeout: 10000 });
});
