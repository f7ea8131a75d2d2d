// Compares `sitrep timex` with chrono-node (its French and English parsers)
// on the project's own table, testdata/timex/cases.tsv: for each row, is the
// expression found, and does its date match? Prints a summary per tool and
// per category. Not part of the test suite; run bench/chrono_compare.sh.
//
// A tool is right on a row when it returns an expression overlapping the
// expected text whose start day is the expected start (day, range) or lies
// in the expected interval (week, month, year), and, for a range, whose end
// is the expected end. Where the expected date is unknown (no publication
// date, no year), a tool is right only when it returns no date at all. Where
// no expression is expected, a tool is right when it finds none. sitrep is
// also scored strictly (exact start, end and precision).
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as chrono from 'chrono-node';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = process.argv[2] || join(root, 'build', 'sitrep');

function readCases() {
  const lines = readFileSync(join(root, 'testdata/timex/cases.tsv'), 'utf8').split('\n');
  const rows = [];
  let header = null;
  lines.forEach((line, n) => {
    if (!line || line.startsWith('#')) return;
    const cells = line.split('\t');
    if (!header) { header = cells; return; }
    const r = Object.fromEntries(header.map((h, i) => [h, cells[i]]));
    r.line = n + 1;
    rows.push(r);
  });
  return rows;
}

const pad = (n) => String(n).padStart(2, '0');
const ymd = (y, m, d) => `${y}-${pad(m)}-${pad(d)}`;

function expectedSpan(r) {
  if (r.text === '-') return null;
  const s = [...r.sentence].length, i = r.sentence.indexOf(r.text);
  const start = [...r.sentence.slice(0, i)].length;
  return { start, end: start + [...r.text].length, total: s };
}

function judge(r, got) {  // got: {start, end, date: {start, end, precision}} or null
  if (r.text === '-') return got === null;
  if (got === null) return false;
  if (r.precision === 'unknown') return !got.date.start;
  const s = got.date.start;
  if (!s) return false;
  if (r.precision === 'day' || r.precision === 'range') {
    if (s !== r.start) return false;
    return r.precision === 'day' || !got.date.end || got.date.end === r.end;
  }
  return s >= r.start && s <= r.end;
}

function overlapping(r, list) {
  const span = expectedSpan(r);
  if (span === null) return list.length ? list[0] : null;
  return list.find((m) => m.start < span.end && m.end > span.start) || null;
}

function runSitrep(rows) {
  const input = rows.map((r) => JSON.stringify({
    id: `row${r.line}`, text: r.sentence, lang: r.lang, ...(r.pub !== '-' ? { date: r.pub } : {}),
  })).join('\n') + '\n';
  const p = spawnSync(bin, ['timex'], { input, encoding: 'utf8' });
  if (p.status !== 0) throw new Error(`sitrep timex failed: ${p.stderr}`);
  const byDoc = {};
  for (const line of p.stdout.split('\n')) {
    if (!line) continue;
    const m = JSON.parse(line);
    (byDoc[m.doc] ||= []).push(m);
  }
  return byDoc;
}

function runChrono(r) {
  const parser = r.lang === 'fr' ? chrono.fr : chrono.en;
  let ref;
  if (r.pub !== '-') {
    const [y, m, d] = r.pub.split('-').map(Number);
    ref = new Date(y, m - 1, d || 15, 12, 0, 0);
  }
  const results = ref ? parser.parse(r.sentence, ref) : parser.parse(r.sentence);
  return results.map((res) => {
    const comp = (c) => ymd(c.get('year'), c.get('month'), c.get('day'));
    const start = [...r.sentence.slice(0, res.index)].length;
    // Without a reference date chrono assumes today; a year it did not read is a guess.
    const guessed = r.pub === '-' && !res.start.isCertain('year');
    return {
      start, end: start + [...res.text].length, text: res.text,
      date: { start: guessed ? null : comp(res.start), end: res.end && !guessed ? comp(res.end) : null },
    };
  });
}

const rows = readCases();
const sitrep = runSitrep(rows);
const tally = {};
const add = (tool, cat, ok) => {
  const t = (tally[tool] ||= {});
  const c = (t[cat] ||= [0, 0]);
  c[0] += ok ? 1 : 0; c[1] += 1;
};
const disagreements = [];
for (const r of rows) {
  const sm = overlapping(r, sitrep[`row${r.line}`] || []);
  const cm = overlapping(r, runChrono(r));
  const sOk = judge(r, sm), cOk = judge(r, cm);
  const strict = r.text === '-' ? sOk : sm !== null && (sm.date.start || '-') === r.start &&
    (sm.date.end || '-') === r.end && sm.date.precision === r.precision;
  const cat = `${r.lang} ${r.category}`;
  for (const c of [cat, `${r.lang} all`, 'all']) {
    add('sitrep', c, sOk); add('sitrep strict', c, strict); add('chrono', c, cOk);
  }
  if (sOk !== cOk) {
    const show = (m) => (m ? `'${m.text}' ${m.date.start || '-'}..${m.date.end || '-'}` : 'nothing');
    disagreements.push(`${sOk ? 'sitrep' : 'chrono'} only  [${cat}] ${r.sentence}  want ${r.start}..${r.end} ` +
      `${r.precision}; sitrep ${show(sm)}; chrono ${show(cm)}`);
  }
}

const cats = Object.keys(tally.sitrep).sort((a, b) => (a === 'all') - (b === 'all') || a.localeCompare(b));
console.log(`${'category'.padEnd(26)}${'sitrep'.padStart(10)}${'strict'.padStart(10)}${'chrono'.padStart(10)}`);
for (const c of cats) {
  const f = (tool) => { const [ok, n] = tally[tool][c]; return `${ok}/${n}`.padStart(10); };
  console.log(`${c.padEnd(26)}${f('sitrep')}${f('sitrep strict')}${f('chrono')}`);
}
if (process.env.VERBOSE) { console.log('\nWhere they differ:'); disagreements.forEach((d) => console.log(d)); }
