// The drafting page: every change is checked by the service as the person
// types (POST /v1/validate), and once the document is valid its real PDF is
// rendered (POST /v1/render?inline=1) into the preview. Validation comes
// first because a render of an invalid document would only say the same
// thing at a higher price.

import { $, debounce, saveBlob, el } from './dom.js';
import { call, fileName, APIError } from './api.js';
import * as form from './form.js';
import * as problems from './problems.js';
import * as preview from './preview.js';
import * as drafts from './drafts.js';

let inflight = null; // the AbortController of the check and render under way

function status(text, kind = '') {
  const s = $('#status');
  s.textContent = text;
  s.className = `status ${kind}`;
  s.dataset.state = kind || 'busy';
}

// check validates the form's document and, if it is valid, renders it.
async function check() {
  inflight?.abort();
  const ctl = new AbortController();
  inflight = ctl;
  const { doc, problems: local, labels } = form.readForm();
  drafts.keepCurrent(doc);
  status('正在检查……');
  try {
    const v = await (await call('POST', '/v1/validate', { json: doc, signal: ctl.signal })).json();
    const all = [...local, ...(v.problems || [])];
    problems.show(all, labels);
    if (all.length) {
      preview.stale(true);
      status(`有 ${all.length} 处问题，请按红字提示修改（点此转到第一处）；改好后预览自动更新。`, 'bad');
      return;
    }
    status('正在排版……');
    const resp = await call('POST', '/v1/render?inline=1', { json: doc, signal: ctl.signal });
    const bytes = new Uint8Array(await resp.arrayBuffer());
    const pages = await preview.show(bytes, Number(resp.headers.get('X-Page-Count')) || 0);
    if (ctl.signal.aborted || pages === null) return;
    preview.stale(false);
    status(`没有问题，共 ${pages} 页。`, 'ok');
  } catch (err) {
    if (err.name === 'AbortError') return;
    fail(err);
  }
}

// fail shows an error of the service; busy answers (429, 503) retry by themselves.
function fail(err) {
  if (err instanceof APIError && err.problems.length) problems.show(err.problems);
  status(err.message, 'bad');
  if (err instanceof APIError && (err.status === 429 || err.status === 503)) {
    status(`${err.message}（${err.retryAfter || 2} 秒后自动重试）`, 'bad');
    setTimeout(schedule, (err.retryAfter || 2) * 1000);
  }
}

const schedule = debounce(check, 600);

// edited drops the check under way at once: its answer is about a document
// that no longer exists, and must not show "没有问题" for it.
function edited() {
  inflight?.abort();
  inflight = null;
  status('正在输入……');
  schedule();
}

async function downloadPDF() {
  const { doc } = form.readForm();
  const button = $('#download-pdf');
  button.disabled = true;
  try {
    const resp = await call('POST', '/v1/render', { json: doc });
    saveBlob(await resp.blob(), fileName(resp, `${doc.docNumber || doc.title || '公文'}.pdf`));
  } catch (err) {
    fail(err);
  } finally {
    button.disabled = false;
  }
}

function downloadJSON() {
  const { doc } = form.readForm();
  const name = (doc.docNumber || doc.title || drafts.nameOf(doc)).replace(/[\\/:*?"<>|]/g, '');
  saveBlob(new Blob([JSON.stringify(doc, null, 2) + '\n'], { type: 'application/json' }), `${name}.json`);
}

async function openJSON(file) {
  let doc;
  try {
    doc = JSON.parse(await file.text());
  } catch (err) {
    status(`“${file.name}”不是有效的 JSON 文件：${err.message}`, 'bad');
    return;
  }
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) {
    status(`“${file.name}”不是一份文档：应为一个 JSON 对象（批量文件请到“批量生成”页上传）`, 'bad');
    return;
  }
  form.fillForm(doc);
  check();
}

function listDrafts() {
  const sel = $('#drafts');
  sel.replaceChildren(el('option', { value: '' }, '打开草稿……'),
    ...drafts.list().map((d) => el('option', { value: d.name }, `${d.name}（${d.saved.slice(0, 10)}）`)));
}

export async function start(catalogue) {
  form.setCatalogue(catalogue);
  form.onChange(edited);
  await preview.init();
  form.fillForm(drafts.current() || form.blank());
  listDrafts();

  const f = $('#form');
  f.addEventListener('input', edited);
  f.addEventListener('change', (e) => {
    if (e.target.id === 'f-sealfile') form.setSealFile(e.target.files[0]).then(edited);
    if (e.target.tagName === 'SELECT' || e.target.type === 'radio') form.refresh();
    edited();
  });
  // The form is long; the status line stays in view and leads to the first problem.
  $('#status').addEventListener('click', () => {
    const first = $('#form [aria-invalid="true"]') || $('#problems-other li');
    first?.scrollIntoView({ block: 'center' });
    first?.focus?.();
  });
  $('#add-attachment').addEventListener('click', () => { form.addAttachment(); edited(); });
  $('#download-pdf').addEventListener('click', downloadPDF);
  $('#download-json').addEventListener('click', downloadJSON);
  $('#open-json').addEventListener('change', (e) => {
    if (e.target.files[0]) openJSON(e.target.files[0]);
    e.target.value = '';
  });
  $('#save-draft').addEventListener('click', () => {
    const name = drafts.save(form.readForm().doc);
    status(name ? `已保存草稿“${name}”（保存在本浏览器中）` : '浏览器存储已满或被禁用，草稿未保存；请用“下载 JSON”保存到文件', name ? 'ok' : 'bad');
    listDrafts();
  });
  $('#drafts').addEventListener('change', (e) => {
    const doc = drafts.get(e.target.value);
    e.target.value = '';
    if (doc) { form.fillForm(doc); check(); }
  });
  $('#new-draft').addEventListener('click', () => {
    if (!confirm('新建将清空当前表单（已保存的草稿不受影响）。继续吗？')) return;
    form.resetState();
    form.fillForm(form.blank());
    check();
  });
  check();
}

