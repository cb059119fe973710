// The drafting form and the document it stands for: readForm builds the
// document JSON of the input contract from the fields, fillForm shows a
// document (a draft, an opened JSON file) in them. Fields the form has no
// input for are kept aside and sent back unchanged, so opening a file and
// downloading it again loses nothing.

import { $, $$, el, lines, today } from './dom.js';
import * as attachments from './attachments.js';
import { blocksToText } from './text.js';

// The fields shown, by JSON path, as [input id, kind of value].
const FIELDS = {
  format: 'f-format', kind: 'f-kind', profile: 'f-profile', issuer: 'f-issuer',
  title: 'f-title', note: 'f-note', docNumber: 'f-docnumber', disclosure: 'f-disclosure',
  category: 'f-category', copyNumber: 'f-copynumber', secrecy: 'f-secrecy', urgency: 'f-urgency',
};
const PROPOSAL = { type: 'f-ptype', session: 'f-session', number: 'f-number', title: 'f-ptitle', leadUnit: 'f-leadunit' };
const SHOWN = new Set([...Object.keys(FIELDS), 'proposal', 'addressees', 'body', 'attachments', 'signature', 'cc', 'printer']);

// The state the inputs cannot hold.
const state = {
  catalogue: { kinds: [], profiles: [] },
  extra: {}, // top-level fields of an opened document that the form does not show
  keptBody: null, // a body with tables, which the textarea cannot edit
  openedBody: null, // {text, blocks} of an opened file's body: sent as it came until edited
  sealImage: '', // base64 of the seal PNG
};

const val = (id) => $('#' + id).value.trim();
const names = (s) => s.split(/[、，,；;/\s]+/).map((x) => x.trim()).filter(Boolean);

export function setCatalogue(cat) {
  state.catalogue = cat;
  for (const k of cat.kinds) $('#f-kind').append(el('option', { value: k.name }, `${k.label}（${k.name}）`));
  for (const p of cat.profiles) $('#f-profile').append(el('option', { value: p.name }, `${p.issuer}（${p.name}）`));
}

export function profile() {
  return state.catalogue.profiles.find((p) => p.name === val('f-profile'));
}

function kind() {
  return state.catalogue.kinds.find((k) => k.name === val('f-kind'));
}

// readForm returns {doc, problems, labels}: the document, the problems found
// in pasted tables, and the column labels of those tables (to name a cell).
export function readForm() {
  const doc = JSON.parse(JSON.stringify(state.extra)); // not structuredClone: older office browsers lack it
  const put = (obj, key, v) => { if (v !== '' && v !== undefined && !(Array.isArray(v) && v.length === 0)) obj[key] = v; };
  for (const [path, id] of Object.entries(FIELDS)) put(doc, path, val(id));

  const proposal = {};
  for (const [key, id] of Object.entries(PROPOSAL)) put(proposal, key, val(id));
  put(proposal, 'deputies', names(val('f-deputies')));
  if (Object.keys(proposal).length) doc.proposal = proposal;
  put(doc, 'addressees', lines($('#f-addressees').value));

  const body = $('#f-body').value;
  if (state.keptBody) doc.body = state.keptBody;
  else if (state.openedBody && body === state.openedBody.text) doc.body = state.openedBody.blocks;
  else put(doc, 'body', body.trim() ? body : '');

  const att = attachments.read($('#attachments'));
  put(doc, 'attachments', att.attachments);

  const sig = {};
  put(sig, 'name', val('f-signame'));
  put(sig, 'date', val('f-date'));
  const seal = val('f-seal');
  if (seal === 'image') sig.seal = { image: state.sealImage };
  else put(sig, 'seal', seal);
  if (Object.keys(sig).length) doc.signature = sig;

  // 印发日期: the printer block is sent only where there is a 印发机关 to go with it.
  const printer = { ...(state.extra.printer || {}) };
  const printDate = val('f-printdate') || sig.date || '';
  if (val('f-printdate') || printer.name || profile()?.printer?.name) put(printer, 'date', printDate);
  if (Object.keys(printer).length) doc.printer = printer;
  else delete doc.printer;

  put(doc, 'cc', lines($('#f-cc').value));
  return { doc, problems: att.problems, labels: att.labels };
}

// setField sets an input; a select is given an option for a value it lacks
// (an office this service does not know), so the value is sent back as it
// was and the service says what is wrong with it, instead of it vanishing.
function setField(id, v) {
  const e = $('#' + id);
  v = v ?? '';
  if (e.tagName === 'SELECT' && v !== '' && ![...e.options].some((o) => o.value === v)) {
    e.append(el('option', { value: v }, `${v}（本服务没有此项）`));
  }
  e.value = v;
}

// fillForm shows doc in the form; fields it lacks are emptied.
export function fillForm(doc) {
  state.extra = {};
  for (const [k, v] of Object.entries(doc)) if (!SHOWN.has(k)) state.extra[k] = v;
  if (doc.printer?.name) state.extra.printer = { name: doc.printer.name };
  for (const [path, id] of Object.entries(FIELDS)) setField(id, doc[path]);
  const p = doc.proposal || {};
  for (const [key, id] of Object.entries(PROPOSAL)) setField(id, p[key]);
  $('#f-deputies').value = (p.deputies || []).join('、');
  $('#f-addressees').value = (doc.addressees || []).join('\n');

  const text = blocksToText(doc.body);
  state.keptBody = text === null ? doc.body : null;
  state.openedBody = Array.isArray(doc.body) && text !== null ? { text, blocks: doc.body } : null;
  $('#f-body').value = text ?? '（正文含表格，无法在此编辑，已按原样保留）';
  $('#f-body').readOnly = text === null;
  $('#body-kept').hidden = text !== null;
  $('#body-kept').textContent = '正文含表格：表单只能编辑文字，表格已按原样保留。如需修改，请编辑 JSON 文件后重新打开，或点“新建”重写正文。';

  attachments.clear($('#attachments'));
  for (const a of doc.attachments || []) attachments.add($('#attachments'), a, changed);

  const sig = doc.signature || {};
  $('#f-signame').value = sig.name ?? '';
  $('#f-date').value = sig.date ?? '';
  state.sealImage = typeof sig.seal === 'object' && sig.seal ? sig.seal.image || '' : '';
  setField('f-seal', typeof sig.seal === 'object' && sig.seal ? 'image' : sig.seal);
  $('#f-sealfile').value = '';
  $('#f-printdate').value = doc.printer?.date && doc.printer.date !== sig.date ? doc.printer.date : '';
  $('#f-cc').value = (doc.cc || []).join('\n');

  const kept = Object.keys(state.extra);
  $('#extra-kept').hidden = kept.length === 0;
  $('#extra-kept').textContent = `文件中的这些字段表单未显示，将原样保留：${kept.join('、')}`;
  refresh();
}

// blank is a new document: today's date, and the only office if there is one.
export function blank() {
  const ps = state.catalogue.profiles;
  return { ...(ps.length === 1 ? { profile: ps[0].name } : {}), signature: { date: today() } };
}

let changed = () => {};
export function onChange(fn) {
  changed = fn;
}

export function addAttachment() {
  attachments.add($('#attachments'), {}, changed).querySelector('.att-title').focus();
}

export async function setSealFile(file) {
  if (!file) return;
  const data = await new Promise((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => resolve(r.result);
    r.onerror = () => reject(r.error);
    r.readAsDataURL(file);
  });
  state.sealImage = String(data).replace(/^data:[^,]*,/, '');
  $('#f-seal').value = 'image';
  refresh();
}

// refresh shows what depends on the choices: the office's defaults as
// placeholders (what will be printed if the field stays empty), the seal
// image input, the lead unit of a 协办 reply, the office's 答复类别.
export function refresh() {
  const p = profile();
  const k = kind();
  const type = val('f-ptype') || k?.proposalTypes?.[0] || '建议';
  $('#f-issuer').placeholder = p ? `按配置：${p.issuer}` : '如 株洲市人力资源和社会保障局';
  $('#f-signame').placeholder = p?.signature?.name ? `按配置：${p.signature.name}` : '发文机关署名';
  $('#f-note').placeholder = p?.note ? `按配置：${p.note}` : '如 联系人：李某，联系电话：0731-28680000';
  $('#f-cc').placeholder = p?.cc?.[type] ? `按配置：\n${p.cc[type].join('\n')}` : '';
  $('#f-docnumber').placeholder = p?.docNumber?.prefix ? `如 ${p.docNumber.prefix}〔${p.docNumber.year || new Date().getFullYear()}〕${p.docNumber.next || 1}号` : '如 株人社字〔2022〕27号';
  const fmt = { file: '文件格式', letter: '信函格式' }[p?.format];
  $('#f-format option[value=""]').textContent = fmt ? `按办文单位配置（${fmt}）` : '按办文单位配置（文件格式）';
  const seal = { stamp: '加盖印章', none: '不加盖印章' }[p?.signature?.seal];
  $('#f-seal option[value=""]').textContent = seal ? `按办文单位配置（${seal}）` : '按办文单位配置';
  $('#categories').replaceChildren(...(p?.categories || []).map((c) => el('option', {}, c)));
  $('#seal-image-field').hidden = val('f-seal') !== 'image';
  $('#leadunit-field').hidden = !(k?.required || []).includes('proposal.leadUnit') && !val('f-leadunit');
  const thumb = $('#seal-thumb');
  if (thumb.src) URL.revokeObjectURL(thumb.src);
  thumb.hidden = !state.sealImage;
  thumb.removeAttribute('src');
  if (state.sealImage) {
    try {
      const bytes = Uint8Array.from(atob(state.sealImage), (c) => c.charCodeAt(0));
      thumb.src = URL.createObjectURL(new Blob([bytes], { type: 'image/png' }));
    } catch { thumb.hidden = true; }
  }
}

// fieldFor returns the input of a JSON path, trying the path itself, then
// its parents (attachments[0].table.rows[2].c3 → attachments[0].table …).
export function fieldFor(path) {
  const inputs = $$('[data-path], [data-alias]');
  for (let p = path; p; p = parent(p)) {
    const hit = inputs.find((e) => e.dataset.path === p || (e.dataset.alias || '').split(' ').includes(p));
    if (hit && !hit.closest('[hidden]')) return { input: hit, at: p };
  }
  return null;
}

export function parent(p) {
  const i = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
  return i > 0 ? p.slice(0, i) : '';
}

export function resetState() {
  state.extra = {};
  state.keptBody = null;
  state.openedBody = null;
  state.sealImage = '';
}
