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
const state = { type: '', actor: '', source: '', from: '', to: '' };
let map, cluster, timeline = { days: [], brush: null };

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

async function initMap() {
  // No tile layer sets a zoom range, and clustering needs one.
  map = L.map('map', { worldCopyJump: true, minZoom: 2, maxZoom: 12 }).setView([30, 30], 3);
  try {
    const topo = await getJson('/vendor/world-atlas/countries-50m.json');
    const land = topojson.feature(topo, topo.objects.countries);
    L.geoJSON(land, { style: { color: '#8a9aa8', weight: 0.6, fillColor: '#f4f1ea', fillOpacity: 1 } }).addTo(map);
  } catch (e) {
    console.warn('base map unavailable', e);
  }
  cluster = L.markerClusterGroup({ maxClusterRadius: 40, showCoverageOnHover: false });
  map.addLayer(cluster);
  const legend = L.control({ position: 'bottomleft' });
  legend.onAdd = () => {
    const d = el('div', { class: 'legend' });
    for (const [t, c] of Object.entries(TYPE_COLORS)) {
      const i = el('i'); i.style.background = c;
      d.append(el('div', {}, i, t));
    }
    return d;
  };
  legend.addTo(map);
}

function markerFor(f) {
  const p = f.properties;
  const dead = p.fatalities || 0;
  const size = Math.round(10 + Math.min(30, 4 * Math.sqrt(dead)));
  const color = TYPE_COLORS[p.event_type] || '#555';
  const icon = L.divIcon({
    className: 'ev-marker',
    html: `<div data-id="${p.id}" class="ev-dot" style="width:${size}px;height:${size}px;border-radius:50%;` +
          `background:${color};opacity:.85;border:1px solid #222"></div>`,
    iconSize: [size, size],
  });
  const [lon, lat] = f.geometry.coordinates;
  const m = L.marker([lat, lon], { icon, title: `${p.sub_event_type} — ${p.location || ''} (${p.date || '?'})` });
  m.on('click', () => showEvent(p.id));
  return m;
}

async function loadEvents(fit) {
  const fc = await getJson('/api/events.geojson' + query({ ...state, limit: 5000 }));
  cluster.clearLayers();
  const markers = fc.features.filter(f => f.geometry).map(markerFor);
  cluster.addLayers(markers);
  document.getElementById('count').textContent = `${fc.features.length} event(s) shown`;
  document.body.dataset.events = String(fc.features.length);
  if (fit && markers.length) map.fitBounds(cluster.getBounds().pad(0.3), { maxZoom: 8 });
}

function fillSelect(id, values) {
  const s = document.getElementById(id);
  for (const v of values) s.append(el('option', { value: v }, v));
}

async function loadStats() {
  const st = await getJson('/api/stats' + query({ type: state.type, actor: state.actor, source: state.source }));
  timeline.days = st.by_day || [];
  drawTimeline();
  return st;
}

function drawTimeline() {
  const svg = document.getElementById('timeline');
  const w = svg.clientWidth || 800, h = svg.clientHeight || 90;
  svg.setAttribute('viewBox', `0 0 ${w} ${h}`);
  svg.innerHTML = '';
  const days = timeline.days;
  if (!days.length) return;
  const t0 = Date.parse(days[0].day), t1 = Date.parse(days[days.length - 1].day) + 86400000;
  const max = Math.max(...days.map(d => d.events));
  const x = t => 10 + (w - 20) * (t - t0) / Math.max(1, t1 - t0);
  timeline.x = x; timeline.t0 = t0; timeline.t1 = t1; timeline.w = w;
  const bw = Math.max(2, (w - 20) * 86400000 / Math.max(1, t1 - t0) - 1);
  const ns = 'http://www.w3.org/2000/svg';
  for (const d of days) {
    const r = document.createElementNS(ns, 'rect');
    const bh = (h - 25) * d.events / max;
    r.setAttribute('class', 'bar');
    r.setAttribute('x', x(Date.parse(d.day)));
    r.setAttribute('y', h - 15 - bh);
    r.setAttribute('width', bw);
    r.setAttribute('height', bh);
    const title = document.createElementNS(ns, 'title');
    title.textContent = `${d.day}: ${d.events} event(s)`;
    r.append(title);
    svg.append(r);
  }
  for (const [t, anchor] of [[t0, 'start'], [t1 - 86400000, 'end']]) {
    const label = document.createElementNS(ns, 'text');
    label.setAttribute('x', anchor === 'start' ? 10 : w - 10);
    label.setAttribute('y', h - 3);
    label.setAttribute('text-anchor', anchor);
    label.setAttribute('font-size', '11');
    label.textContent = new Date(t).toISOString().slice(0, 10);
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
    if (b - a < 3 || !timeline.days.length) { timeline.brush = null; setDates('', ''); return; }
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
    `${e.actor1 ? e.actor1.id : '?'} → ${e.actor2 ? e.actor2.id : '?'}`));
  const t = el('table', { id: 'claims' },
    el('tr', {}, el('th', {}, 'Source'), el('th', {}, 'Killed'), el('th', {}, 'Injured'),
       el('th', {}, 'Destroyed'), el('th', {}, 'Strikes')));
  t.append(el('tr', { class: 'top' }, el('td', {}, el('b', {}, 'event (most conservative)')),
    el('td', {}, countText(e.fatalities)), el('td', {}, countText(e.injured)),
    el('td', {}, destroyedText(e.destroyed)), el('td', {}, countText(e.strikes))));
  for (const c of e.claims || []) {
    t.append(el('tr', { class: 'claim' }, el('td', { title: c.text || '' }, c.source),
      el('td', {}, countText(c.fatalities)), el('td', {}, countText(c.injured)),
      el('td', {}, destroyedText(c.destroyed)), el('td', {}, countText(c.strikes))));
  }
  box.append(t);
  const byDoc = {};
  for (const ev of e.evidence || []) (byDoc[ev.doc] ||= []).push(ev);
  for (const [doc, spans] of Object.entries(byDoc)) {
    try {
      const d = await getJson('/api/documents/' + encodeURIComponent(doc));
      box.append(el('h3', {}, `Report ${doc}${d.date ? ' (' + d.date + ')' : ''}`));
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
  fillSelect('f-source', Object.keys(stats.by_source || {}).sort());
  for (const k of ['type', 'actor', 'source']) {
    document.getElementById('f-' + k).addEventListener('change', ev => {
      state[k] = ev.target.value;
      loadEvents(false);
      loadStats();
    });
  }
  for (const k of ['from', 'to']) {
    document.getElementById('f-' + k).addEventListener('change', ev => { state[k] = ev.target.value; loadEvents(false); });
  }
  document.getElementById('f-reset').addEventListener('click', () => {
    for (const k of Object.keys(state)) { state[k] = ''; const i = document.getElementById('f-' + k); if (i) i.value = ''; }
    timeline.brush = null;
    loadStats();
    loadEvents(true);
  });
}

async function main() {
  await initMap();
  const stats = await loadStats();
  initFilters(stats);
  initBrush();
  window.addEventListener('resize', drawTimeline);
  await loadEvents(true);
  document.body.dataset.ready = '1';
}

main().catch(err => {
  console.error(err);
  document.getElementById('details').textContent = 'Error: ' + (err && err.message ? err.message : String(err));
  document.body.dataset.ready = 'error';
});
