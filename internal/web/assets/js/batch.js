// The batch page: a ledger (.xlsx) or JSON Lines goes to POST /v1/batches,
// whose answer names the batch; its events drive the progress bar; the
// problems of single rows are listed as they are known; the ZIP is offered
// once the batch is done.

import { $, el, saveBlob } from './dom.js';
import { call, getJSON, fileName, APIError } from './api.js';
import { events } from './sse.js';
import { nameOf } from './labels.js';

const LAST = 'gongwen.batch'; // the last batch's id, to pick it up after a reload

const TYPES = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  jsonl: 'application/x-ndjson',
  ndjson: 'application/x-ndjson',
  json: 'application/json',
};

const STATES = { queued: '排队中', running: '生成中', assembling: '正在打包', done: '已完成', cancelled: '已取消', failed: '未能完成' };
const ended = (s) => s === 'done' || s === 'cancelled' || s === 'failed';

let following = null; // the id being followed; a newer batch stops the older loop

function say(text, bad = false) {
  $('#batch-status').textContent = text;
  $('#batch-status').className = bad ? 'problem' : '';
}

function progress(p) {
  const pct = p.total ? Math.floor((100 * p.done) / p.total) : 0;
  $('#batch-progress').value = pct;
  $('#batch-percent').textContent = `${pct}%`;
  $('#batch-progress').dataset.state = p.state;
  const parts = [`${STATES[p.state] || p.state}：${p.done}/${p.total}`, `已生成 ${p.rendered || 0}`];
  if (p.invalid) parts.push(`有误 ${p.invalid}`);
  if (p.failed) parts.push(`失败 ${p.failed}`);
  say(parts.join(' · ') + (p.message ? `。${p.message}` : ''), p.state === 'failed');
}

function showErrors(errs) {
  const table = $('#batch-errors');
  table.hidden = !errs.length;
  $('tbody', table).replaceChildren(...errs.map((e) =>
    el('tr', {}, el('td', {}, e.where || (e.row ? `第${e.row}行` : '')), el('td', {}, e.field ? nameOf(e.field) : ''), el('td', {}, e.message))));
}

// problemsAsErrors shows an input refused as a whole (422), whose problems
// have paths such as 第5行.成文日期.
function problemsAsErrors(ps) {
  return ps.map((p) => {
    const [where, ...field] = (p.path || '').split('.');
    return { where, field: field.join('.'), message: p.message };
  });
}

async function submit(ev) {
  ev.preventDefault();
  const file = $('#batch-file').files[0];
  if (!file) {
    say('请先选择台账（.xlsx）或 JSON Lines（.jsonl）文件。', true);
    return;
  }
  const ext = file.name.split('.').pop().toLowerCase();
  const q = new URLSearchParams({ name: file.name });
  const opt = { profile: $('#batch-profile').value, kind: $('#batch-kind').value, date: $('#batch-date').value };
  for (const [k, v] of Object.entries(opt)) if (v) q.set(k, v);
  if ($('#batch-nonumber').checked) q.set('noNumbering', '1');
  $('#batch-zip').hidden = true;
  showErrors([]);
  progress({ state: 'queued', done: 0, total: 0 });
  $('#batch-start').disabled = true;
  try {
    const resp = await call('POST', `/v1/batches?${q}`, { body: file, type: TYPES[ext] || 'application/octet-stream' });
    const st = await resp.json();
    localStorage.setItem(LAST, st.id);
    follow(st.id);
  } catch (err) {
    say(err.message, true);
    if (err instanceof APIError) showErrors(problemsAsErrors(err.problems));
  } finally {
    $('#batch-start').disabled = false;
  }
}

// follow reads the batch's events until it ends. The stream may be cut (a
// proxy, the service's time budget); then the status is read and the stream
// opened again, so the bar never stops short of the end.
async function follow(id) {
  following = id;
  let st = await status(id);
  while (st && !ended(st.state) && following === id) {
    try {
      const resp = await call('GET', `/v1/batches/${id}/events`);
      for await (const ev of events(resp)) {
        if (following !== id) return;
        let p;
        try { p = JSON.parse(ev.data); } catch { continue; }
        if (typeof p.total !== 'number') continue;
        progress(p);
        if (p.invalid || p.failed) showErrors((await status(id))?.errors || []);
        if (ended(p.state)) break;
      }
    } catch (err) {
      if (err instanceof APIError && err.status === 404) { say(err.message, true); return; }
    }
    st = await status(id);
    if (st && !ended(st.state)) await new Promise((r) => setTimeout(r, 1000));
  }
  if (st && following === id) finish(id, st);
}

async function status(id) {
  try {
    const st = await getJSON(`/v1/batches/${id}`);
    progress(st);
    return st;
  } catch (err) {
    say(err.message, true);
    return null;
  }
}

function finish(id, st) {
  progress(st);
  showErrors(st.errors || []);
  const zip = $('#batch-zip');
  zip.hidden = st.state !== 'done';
  zip.dataset.id = id;
  zip.href = `/v1/batches/${id}/result`;
  zip.textContent = st.resultBytes ? `下载 ZIP（${(st.resultBytes / 1048576).toFixed(1)} MB）` : '下载 ZIP';
}

// downloadZip fetches the ZIP itself only when a token must be sent; otherwise
// the link streams it to disk, which a large batch needs.
async function downloadZip(ev) {
  if (!sessionStorage.getItem('gongwen.token')) return;
  ev.preventDefault();
  try {
    const resp = await call('GET', ev.currentTarget.getAttribute('href'));
    saveBlob(await resp.blob(), fileName(resp, 'batch.zip'));
  } catch (err) {
    say(err.message, true);
  }
}

export function start(catalogue) {
  for (const p of catalogue.profiles) $('#batch-profile').append(el('option', { value: p.name }, `${p.issuer}（${p.name}）`));
  for (const k of catalogue.kinds) $('#batch-kind').append(el('option', { value: k.name }, `${k.label}（${k.name}）`));
  $('#batch-form').addEventListener('submit', submit);
  $('#batch-start').disabled = false; // only now would a click be handled here and not by the browser
  $('#batch-zip').addEventListener('click', downloadZip);
  const last = localStorage.getItem(LAST);
  if (last) resume(last);
}

// resume shows the last batch of this browser, unless it has expired.
async function resume(id) {
  try {
    await getJSON(`/v1/batches/${id}`);
  } catch {
    localStorage.removeItem(LAST);
    return;
  }
  follow(id);
}
