// Problems of the document, each shown beside the input of its JSON path;
// those with no input on the form (a field kept from an opened file) go to
// the list at the top, named in Chinese.

import { $, $$, el } from './dom.js';
import { fieldFor, parent } from './form.js';
import { nameOf } from './labels.js';

// where describes the end of a path in words, from the input's own segment
// on: table.rows[2].c3 is 第3行数据“地区”列, deputies[1] 第2位, body[4] 第5段.
function where(rest, labels) {
  const parts = [];
  for (const m of rest.matchAll(/([A-Za-z][A-Za-z0-9]*)(?:\[(\d+)\])?/g)) {
    const [, name, idx] = m;
    const n = idx === undefined ? null : Number(idx) + 1;
    if (name === 'rows' && n) parts.push(`第${n}行数据`);
    else if (name === 'columns' && n) parts.push(`第${n}列表头`);
    else if (name === 'body' && n) parts.push(`第${n}段`);
    else if (name === 'deputies' && n) parts.push(`第${n}位`);
    else if (/^c\d+$/.test(name) && labels && labels[name]) parts.push(`“${labels[name]}”列`);
  }
  return parts.join('');
}

function attachmentIndex(path) {
  const m = /^attachments\[(\d+)\]/.exec(path);
  return m ? Number(m[1]) : -1;
}

// show replaces the problems on display; labels are the column labels of
// pasted tables, by attachment index.
export function show(problems, labels = {}) {
  for (const e of $$('.field > .problems')) e.remove();
  for (const e of $$('[aria-invalid]')) e.removeAttribute('aria-invalid');
  const other = $('#problems-other');
  other.replaceChildren();
  for (const p of problems) {
    const hit = fieldFor(p.path);
    if (!hit) {
      other.append(el('li', { 'data-path': p.path }, `${nameOf(p.path)}：${p.message}`));
      continue;
    }
    const field = hit.input.closest('.field');
    let list = $(':scope > .problems', field);
    if (!list) {
      list = el('ul', { class: 'problems', id: `problems-${hit.input.id}` });
      field.append(list);
      hit.input.setAttribute('aria-describedby', list.id);
    }
    hit.input.setAttribute('aria-invalid', 'true');
    // A problem about the body's n-th block is not numbered: the template's
    // opening paragraphs come first on the server, so its count is not the
    // person's. Attachment bodies have no template.
    const rest = hit.at === 'body' ? '' : p.path.slice(parent(hit.at).length);
    const prefix = where(rest, labels[attachmentIndex(p.path)]);
    list.append(el('li', { 'data-path': p.path }, prefix ? `${prefix}：${p.message}` : p.message));
  }
}
