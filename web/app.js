// sitrep map page: plain browser JavaScript over the sitrep HTTP API, with
// Natural Earth borders as the base map (no tile server, works offline).
'use strict';

const TYPE_COLORS = {
  'Battles': '#c0392b',
  'Explosions/Remote violence': '#e67e22',
  'Violence against civilians': '#8e44ad',
  'Strategic developments': '#2471a3',
  'Protests': '#27ae60',
  'Riots': '#7f8c8d',
};
const OTHER_COLOR = '#555555';
const state = { type: '', actor: '', source: '', from: '', to: '' };
let map, cluster, cells, features = [], sourceNames = {};
// Above this many events in view the map asks the server for counts per grid
// cell instead of the events themselves (?points=N in the page's URL changes it).
const POINT_LIMIT = Number(new URLSearchParams(location.search).get('points')) || 5000;
// In that mode, a view holding at most this many events shows them as points.
const VIEW_POINT_LIMIT = Math.min(POINT_LIMIT, 1000);
let mode = 'points', matching = 0;
const timeline = { days: [], range: null, brush: null };
// The table of the events in view: its columns, sort and rows.
const COLUMNS = [
  { key: 'date', label: 'Date' },
  { key: 'sub_event_type', label: 'Type' },
  { key: 'place', label: 'Place' },
  { key: 'actor1', label: 'Actor 1' },
  { key: 'actor2', label: 'Actor 2' },
  { key: 'fatalities', label: 'Killed', numeric: true },
  { key: 'sources', label: 'Sources' },
];
const table = { open: false, sort: 'date', dir: 1, rows: [] };

function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v) q.set(k, v);
  const s = q.toString();
  return s ? '?' + s : '';
}

async function getJson(url) {
  const r = await fetch(url);
  if (!r.ok) throw new Error(url + ': ' + r.status + ' ' + (await r.text()));
  return r.json();
}

function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  for (const c of children) e.append(c instanceof Node ? c : document.createTextNode(String(c ?? '')));
  return e;
}

function countText(c) {
  if (!c) return '–';
  let s = String(c.best);
  if (c.high === null && c.low === c.best) s = s + '+';
  else if (c.high !== null && c.high !== c.best) s = `${c.best} (${c.low}–${c.high})`;
  return s;
}

function destroyedText(ds) {
  if (!ds || !ds.length) return '–';
  return ds.map(d => `${countText(d)} ${d.kind}`).join(', ');
}

// A source by its words: the text's own ("l'Observatoire syrien des droits de
// l'homme"), else the words most texts use for that id, else the id.
function sourceWords(claim) {
  return (claim.text && claim.text.trim()) || sourceNames[claim.source] ||
    (claim.source === 'OTHER' ? 'an unnamed source' : claim.source);
}

function typeColor(type) { return TYPE_COLORS[type] || OTHER_COLOR; }

// The cluster's dominant event type (most events; ties go to the legend's
// order), and a pie of all its types around it.
function clusterIcon(c) {
  const counts = {};
  const children = c.getAllChildMarkers();
  for (const m of children) counts[m.options.eventType] = (counts[m.options.eventType] || 0) + 1;
  const order = Object.keys(TYPE_COLORS);
  const rank = t => (order.indexOf(t) + 1) || order.length + 1;
  const types = Object.keys(counts).sort((a, b) => counts[b] - counts[a] || rank(a) - rank(b));
  const dominant = types[0];
  let at = 0;
  const stops = types.map(t => {
    const from = at; at += 100 * counts[t] / children.length;
    return `${typeColor(t)} ${from}% ${at}%`;
  });
  const n = children.length;
  const size = n < 10 ? 34 : n < 100 ? 40 : 48;
  return L.divIcon({
    className: 'ev-cluster',
    html: `<div class="pie" style="background:conic-gradient(${stops.join(',')})">` +
          `<div class="fill" data-type="${dominant}" style="background:${typeColor(dominant)}">${n}</div></div>`,
    iconSize: [size, size],
  });
}

async function initMap() {
  // No tile layer sets a zoom range, and clustering needs one.
  map = L.map('map', { worldCopyJump: true, minZoom: 2, maxZoom: 12 }).setView([30, 30], 3);
  try {
    const topo = await getJson('/vendor/world-atlas/countries-50m.json');
    const land = topojson.feature(topo, topo.objects.countries);
    // One canvas for the borders: thousands of SVG paths are slow to redraw.
    L.geoJSON(land, {
      renderer: L.canvas({ padding: 0.2 }), interactive: false,
      style: { color: '#8a9aa8', weight: 0.6, fillColor: '#f4f1ea', fillOpacity: 1 },
    }).addTo(map);
  } catch (e) {
    console.warn('base map unavailable', e);
  }
  cluster = L.markerClusterGroup({ maxClusterRadius: 40, showCoverageOnHover: false, iconCreateFunction: clusterIcon });
  map.addLayer(cluster);
  cells = L.layerGroup().addTo(map);
  const legend = L.control({ position: 'bottomleft' });
  legend.onAdd = () => {
    const d = el('div', { class: 'legend' });
    for (const [t, c] of Object.entries(TYPE_COLORS)) {
      const i = el('i', { 'data-type': t }); i.style.background = c;
      d.append(el('div', {}, i, t));
    }
    d.append(el('div', { class: 'note' }, 'clusters: colour of the most frequent type, ring of all types'));
    return d;
  };
  legend.addTo(map);
  map.on('moveend', () => { if (matching > POINT_LIMIT) loadEvents(false); else renderTable(); });
}

function markerFor(f) {
  const p = f.properties;
  const dead = p.fatalities || 0;
  const size = Math.round(10 + Math.min(30, 4 * Math.sqrt(dead)));
  const icon = L.divIcon({
    className: 'ev-marker',
    html: `<div data-id="${p.id}" class="ev-dot" style="width:${size}px;height:${size}px;border-radius:50%;` +
          `background:${typeColor(p.event_type)};opacity:.85;border:1px solid #222"></div>`,
    iconSize: [size, size],
  });
  const [lon, lat] = f.geometry.coordinates;
  const m = L.marker([lat, lon], {
    icon, eventType: p.event_type, eventId: p.id,
    title: `${p.sub_event_type} — ${p.location || ''} (${p.date || '?'})`,
  });
  m.on('click', () => showEvent(p.id));
  return m;
}

// The grid level for a zoom: cells of 8, 2, 0.5 and 0.125 degrees.
function gridLevel(zoom) { return zoom <= 3 ? 0 : zoom <= 5 ? 1 : zoom <= 7 ? 2 : 3; }

function viewBox() {
  const b = map.getBounds();
  const clamp = (v, lo, hi) => Math.min(hi, Math.max(lo, v));
  return [clamp(b.getWest(), -180, 180), clamp(b.getSouth(), -90, 90),
          clamp(b.getEast(), -180, 180), clamp(b.getNorth(), -90, 90)].map(v => v.toFixed(4)).join(',');
}

function cellMarker(c) {
  const size = Math.round(16 + Math.min(40, 4 * Math.sqrt(c.events)));
  const icon = L.divIcon({
    className: 'ev-cell',
    html: `<div class="cell" data-count="${c.events}" style="width:${size}px;height:${size}px;line-height:${size}px">${c.events}</div>`,
    iconSize: [size, size],
  });
  const m = L.marker([c.lat, c.lon], { icon, title: `${c.events} event(s), ${c.fatalities} killed` });
  m.on('click', () => map.setView([c.lat, c.lon], Math.min(map.getMaxZoom(), map.getZoom() + 2)));
  return m;
}

// Many events: counts per grid cell for the view, from the server. When the
// view holds few enough, its events themselves.
async function loadCells() {
  const filters = { ...state, bbox: viewBox() };
  const grid = await getJson('/api/events/grid' + query({ ...filters, level: String(gridLevel(map.getZoom())) }));
  const inView = grid.cells.reduce((n, c) => n + c.events, 0);
  if (inView > 0 && inView <= VIEW_POINT_LIMIT) {
    const fc = await getJson('/api/events.geojson' + query({ ...filters, limit: VIEW_POINT_LIMIT }));
    cells.clearLayers();
    return showPoints(fc, false);
  }
  mode = 'grid';
  features = [];
  cluster.clearLayers();
  cells.clearLayers();
  for (const c of grid.cells) cells.addLayer(cellMarker(c));
  document.body.dataset.mode = mode;
  document.body.dataset.cells = String(grid.cells.length);
  document.getElementById('count').textContent = `${matching} event(s), counted per area (zoom in for events)`;
  renderTable();
}

async function loadEvents(fit) {
  if (matching > POINT_LIMIT) return loadCells();
  cells.clearLayers();
  const fc = await getJson('/api/events.geojson' + query({ ...state, limit: 5000 }));
  return showPoints(fc, fit);
}

function showPoints(fc, fit) {
  mode = 'points';
  document.body.dataset.mode = mode;
  features = fc.features.filter(f => f.geometry);
  cluster.clearLayers();
  const markers = features.map(markerFor);
  cluster.addLayers(markers);
  document.getElementById('count').textContent = `${fc.features.length} event(s) shown`;
  document.body.dataset.events = String(fc.features.length);
  if (fit && markers.length) map.fitBounds(cluster.getBounds().pad(0.3), { maxZoom: 8 });
  renderTable();
}

function fillSelect(id, values, label = v => v) {
  const s = document.getElementById(id);
  for (const v of values) s.append(el('option', { value: v }, label(v)));
}

async function loadStats() {
  const st = await getJson('/api/stats' + query({ type: state.type, actor: state.actor, source: state.source }));
  matching = st.events || 0;
  timeline.range = st.timeline && st.timeline.from ? st.timeline : null;
  timeline.days = (st.by_day || []).filter(d => timeline.range && d.day >= timeline.range.from && d.day <= timeline.range.to);
  sourceNames = st.source_names || {};
  drawTimeline();
  return st;
}

// ---- the timeline: events per day over the events' real span ----

function drawTimeline() {
  const svg = document.getElementById('timeline');
  const w = svg.clientWidth || 800, h = svg.clientHeight || 90;
  svg.setAttribute('viewBox', `0 0 ${w} ${h}`);
  svg.innerHTML = '';
  const outside = document.getElementById('timeline-outside');
  const r = timeline.range;
  outside.textContent = r && r.outside ? `${r.outside} dated event(s) outside this span (recalled, or with an implausible date)` : '';
  if (!r) return;
  const days = timeline.days;
  const t0 = Date.parse(r.from), t1 = Date.parse(r.to) + 86400000;
  const max = Math.max(1, ...days.map(d => d.events));
  const x = t => 10 + (w - 20) * (t - t0) / Math.max(1, t1 - t0);
  Object.assign(timeline, { t0, t1, w });
  svg.dataset.from = r.from; svg.dataset.to = r.to;
  const bw = Math.max(2, (w - 20) * 86400000 / Math.max(1, t1 - t0) - 1);
  const ns = 'http://www.w3.org/2000/svg';
  for (const d of days) {
    const rect = document.createElementNS(ns, 'rect');
    const bh = (h - 25) * d.events / max;
    rect.setAttribute('class', 'bar');
    rect.setAttribute('x', x(Date.parse(d.day)));
    rect.setAttribute('y', h - 15 - bh);
    rect.setAttribute('width', bw);
    rect.setAttribute('height', bh);
    const title = document.createElementNS(ns, 'title');
    title.textContent = `${d.day}: ${d.events} event(s)`;
    rect.append(title);
    svg.append(rect);
  }
  for (const [day, anchor] of [[r.from, 'start'], [r.to, 'end']]) {
    const label = document.createElementNS(ns, 'text');
    label.setAttribute('x', anchor === 'start' ? 10 : w - 10);
    label.setAttribute('y', h - 3);
    label.setAttribute('text-anchor', anchor);
    label.setAttribute('font-size', '11');
    label.setAttribute('class', 'axis ' + anchor);
    label.textContent = day;
    svg.append(label);
  }
  if (timeline.brush) drawBrush(timeline.brush[0], timeline.brush[1]);
}

function drawBrush(a, b) {
  const svg = document.getElementById('timeline');
  let r = svg.querySelector('rect.brush');
  if (!r) {
    r = document.createElementNS('http://www.w3.org/2000/svg', 'rect');
    r.setAttribute('class', 'brush');
    svg.append(r);
  }
  r.setAttribute('x', Math.min(a, b));
  r.setAttribute('y', 0);
  r.setAttribute('width', Math.abs(b - a));
  r.setAttribute('height', (svg.clientHeight || 90) - 15);
}

function dayAt(px) {
  const t = timeline.t0 + (px - 10) / (timeline.w - 20) * (timeline.t1 - timeline.t0);
  return new Date(Math.min(Math.max(t, timeline.t0), timeline.t1 - 1)).toISOString().slice(0, 10);
}

function initBrush() {
  const svg = document.getElementById('timeline');
  let start = null;
  const px = e => e.clientX - svg.getBoundingClientRect().left;
  svg.addEventListener('mousedown', e => { start = px(e); timeline.brush = [start, start]; drawBrush(start, start); });
  svg.addEventListener('mousemove', e => { if (start !== null) { timeline.brush = [start, px(e)]; drawBrush(start, px(e)); } });
  window.addEventListener('mouseup', e => {
    if (start === null) return;
    const end = px(e);
    const [a, b] = [Math.min(start, end), Math.max(start, end)];
    start = null;
    if (b - a < 3 || !timeline.range) { timeline.brush = null; setDates('', ''); return; }
    setDates(dayAt(a), dayAt(b));
  });
}

function setDates(from, to) {
  state.from = from; state.to = to;
  document.getElementById('f-from').value = from;
  document.getElementById('f-to').value = to;
  if (!from && !to) { const b = document.querySelector('#timeline rect.brush'); if (b) b.remove(); }
  loadEvents(false);
}

// ---- the table of the events in view, sortable, downloadable as CSV ----

function rowOf(f) {
  const p = f.properties, a = p.acled || {};
  const words = [...new Set((p.claims || []).map(sourceWords))];
  return {
    id: p.id, date: p.date || '', event_type: p.event_type, sub_event_type: p.sub_event_type,
    place: [p.location, a.admin1, a.country].filter(Boolean).join(', '),
    actor1: a.actor1 || p.actor1 || '', actor2: a.actor2 || p.actor2 || '',
    fatalities: p.fatalities ?? 0, sources: words.join('; '), acled: a,
  };
}

function eventsInView() {
  const b = map.getBounds();
  return features.filter(f => {
    const [lon, lat] = f.geometry.coordinates;
    return b.contains([lat, lon]);
  });
}

function sortRows(rows) {
  const col = COLUMNS.find(c => c.key === table.sort);
  const cmp = col.numeric ? (a, b) => a - b : (a, b) => String(a).localeCompare(String(b));
  return rows.sort((r, s) => table.dir * cmp(r[table.sort], s[table.sort]) || (r.id < s.id ? -1 : r.id > s.id ? 1 : 0));
}

function renderTable() {
  if (!map) return;
  table.rows = sortRows(eventsInView().map(rowOf));
  const n = table.rows.length;
  document.getElementById('t-count').textContent = `${n} event(s) in view`;
  document.body.dataset.inView = String(n);
  if (!table.open) return;
  const head = el('tr');
  for (const c of COLUMNS) {
    const sorted = table.sort === c.key;
    const th = el('th', { scope: 'col', 'data-key': c.key, tabindex: '0',
      'aria-sort': sorted ? (table.dir > 0 ? 'ascending' : 'descending') : 'none' },
      c.label + (sorted ? (table.dir > 0 ? ' ▲' : ' ▼') : ''));
    head.append(th);
  }
  const body = el('tbody');
  for (const r of table.rows) {
    const tr = el('tr', { 'data-id': r.id });
    for (const c of COLUMNS) tr.append(el('td', c.numeric ? { class: 'num' } : {}, r[c.key]));
    body.append(tr);
  }
  const t = document.getElementById('event-table');
  t.replaceChildren(el('thead', {}, head), body);
}

function sortBy(key) {
  if (table.sort === key) table.dir = -table.dir;
  else { table.sort = key; table.dir = 1; }
  renderTable();
}

// The rows of the table, in its order, with ACLED's column names where the
// cell is the ACLED export's own.
const CSV_COLUMNS = ['event_id_cnty', 'event_date', 'event_type', 'sub_event_type', 'actor1', 'actor2',
  'country', 'admin1', 'location', 'latitude', 'longitude', 'fatalities', 'source', 'sitrep_sources'];

function csvCell(v) {
  const s = String(v ?? '');
  return /[",\r\n]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
}

function tableCsv() {
  const lines = [CSV_COLUMNS.join(',')];
  for (const r of table.rows) {
    const a = r.acled;
    const cells = [r.id, a.event_date, r.event_type, r.sub_event_type, a.actor1, a.actor2, a.country,
      a.admin1, a.location, a.latitude, a.longitude, a.fatalities, a.source, r.sources];
    lines.push(cells.map(csvCell).join(','));
  }
  return lines.join('\r\n') + '\r\n';
}

function downloadCsv() {
  const blob = new Blob([tableCsv()], { type: 'text/csv;charset=utf-8' });
  const a = el('a', { href: URL.createObjectURL(blob), download: 'sitrep-events-in-view.csv' });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}

function initTable() {
  const toggle = document.getElementById('t-toggle');
  toggle.addEventListener('click', () => {
    table.open = !table.open;
    document.body.classList.toggle('table-open', table.open);
    toggle.setAttribute('aria-expanded', String(table.open));
    map.invalidateSize();
    renderTable();
  });
  const t = document.getElementById('event-table');
  t.addEventListener('click', e => {
    const th = e.target.closest('th');
    if (th) return sortBy(th.dataset.key);
    const tr = e.target.closest('tr[data-id]');
    if (tr) showEvent(tr.dataset.id);
  });
  t.addEventListener('keydown', e => {
    const th = e.target.closest('th');
    if (th && (e.key === 'Enter' || e.key === ' ')) { e.preventDefault(); sortBy(th.dataset.key); }
  });
  document.getElementById('t-download').addEventListener('click', downloadCsv);
}

// ---- the event panel: claims by their sources' words, evidence in the text ----

function highlight(text, spans) {
  // spans: [{start, end}] in code points.
  const cps = Array.from(text);
  const frag = document.createDocumentFragment();
  let pos = 0;
  for (const s of [...spans].sort((a, b) => a.start - b.start)) {
    if (s.start < pos) continue;
    frag.append(cps.slice(pos, s.start).join(''));
    frag.append(el('mark', { class: 'evidence' }, cps.slice(s.start, s.end).join('')));
    pos = s.end;
  }
  frag.append(cps.slice(pos).join(''));
  return frag;
}

function actorText(a) {
  if (!a) return '?';
  return a.text && a.text !== a.id ? `${a.text} (${a.id})` : a.id;
}

async function showEvent(id) {
  const box = document.getElementById('details');
  delete box.dataset.event;
  const e = await getJson('/api/events/' + encodeURIComponent(id));
  box.innerHTML = '';
  box.append(el('h2', {}, `${e.sub_event_type}`));
  const loc = e.location || {};
  const date = e.date || {};
  box.append(el('div', { class: 'meta' },
    `${e.event_type} · ${loc.name || loc.country || 'unknown place'} (${loc.precision}) · ` +
    `${date.start || '?'}${date.end && date.end !== date.start ? ' → ' + date.end : ''} (${date.precision}) · ` +
    `${actorText(e.actor1)} → ${actorText(e.actor2)}`));
  const t = el('table', { id: 'claims' },
    el('tr', {}, el('th', {}, 'Source'), el('th', {}, 'Killed'), el('th', {}, 'Injured'),
       el('th', {}, 'Destroyed'), el('th', {}, 'Strikes')));
  t.append(el('tr', { class: 'top' }, el('td', {}, el('b', {}, 'event (most conservative)')),
    el('td', {}, countText(e.fatalities)), el('td', {}, countText(e.injured)),
    el('td', {}, destroyedText(e.destroyed)), el('td', {}, countText(e.strikes))));
  for (const c of e.claims || []) {
    const who = el('td', { class: 'source' }, el('span', { class: 'words' }, sourceWords(c)), ' ',
      el('span', { class: 'id' }, c.source));
    t.append(el('tr', { class: 'claim' }, who,
      el('td', {}, countText(c.fatalities)), el('td', {}, countText(c.injured)),
      el('td', {}, destroyedText(c.destroyed)), el('td', {}, countText(c.strikes))));
  }
  box.append(t);
  const byDoc = {};
  for (const ev of e.evidence || []) (byDoc[ev.doc] ||= []).push(ev);
  for (const [doc, spans] of Object.entries(byDoc)) {
    try {
      const d = await getJson('/api/documents/' + encodeURIComponent(doc));
      const outlet = d.outlet ? `${d.outlet}, ` : '';
      box.append(el('h3', {}, `Report ${doc} (${outlet}${d.date || 'undated'})`));
      const art = el('div', { class: 'article' });
      art.append(highlight(d.text, spans));
      box.append(art);
      const first = art.querySelector('mark');
      if (first) first.scrollIntoView({ block: 'nearest' });
    } catch (err) {
      box.append(el('p', {}, `document ${doc} unavailable`));
    }
  }
  box.dataset.event = id;
}

function initFilters(stats) {
  fillSelect('f-type', Object.keys(stats.by_type || {}).sort());
  fillSelect('f-actor', Object.keys(stats.by_actor || {}).sort());
  fillSelect('f-source', Object.keys(stats.by_source || {}).sort(),
    id => sourceNames[id] ? `${sourceNames[id]} (${id})` : id === 'OTHER' ? 'other sources (OTHER)' : id);
  for (const k of ['type', 'actor', 'source']) {
    document.getElementById('f-' + k).addEventListener('change', async ev => {
      state[k] = ev.target.value;
      await loadStats();
      loadEvents(false);
    });
  }
  for (const k of ['from', 'to']) {
    document.getElementById('f-' + k).addEventListener('change', ev => { state[k] = ev.target.value; loadEvents(false); });
  }
  document.getElementById('f-reset').addEventListener('click', () => {
    for (const k of Object.keys(state)) { state[k] = ''; const i = document.getElementById('f-' + k); if (i) i.value = ''; }
    timeline.brush = null;
    loadStats().then(() => loadEvents(true));
  });
}

async function main() {
  await initMap();
  const stats = await loadStats();
  initFilters(stats);
  initBrush();
  initTable();
  window.addEventListener('resize', drawTimeline);
  await loadEvents(true);
  document.body.dataset.ready = '1';
}

main().catch(err => {
  console.error(err);
  document.getElementById('details').textContent = 'Error: ' + (err && err.message ? err.message : String(err));
  document.body.dataset.ready = 'error';
});
