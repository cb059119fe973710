// The 附件 list of the form: each attachment is a name and either text (parsed
// by the server like the body) or a table pasted from a spreadsheet.

import { $, $$ } from './dom.js';
import { tableFromTSV, tableToTSV } from './tsv.js';
import { blocksToText } from './text.js';

const HINTS = {
  text: '一段一行，与正文相同。',
  table: '在 Excel 中选中表格（第一行为表头）复制后粘贴。数字列自动识别；最后一行为“合计”时由程序计算合计。',
};

let seq = 0;

// add appends an attachment editor; att is {title, body?, table?} as in a document.
export function add(container, att = {}, onChange = () => {}) {
  const node = $('#attachment-template').content.firstElementChild.cloneNode(true);
  const n = ++seq;
  const title = $('.att-title', node);
  const content = $('.att-content', node);
  title.id = `att-title-${n}`;
  content.id = `att-content-${n}`;
  $('label', node).htmlFor = title.id;
  $('.att-label', node).htmlFor = content.id;
  for (const r of $$('input[type=radio]', node)) r.name = `att-kind-${n}`;
  node.meta = {}; // the table's unit and notes from an opened file, kept as they were

  title.value = att.title || '';
  if (att.table) {
    setKind(node, 'table');
    const { title: t, unit, notes } = att.table;
    node.meta = { unit, notes };
    content.value = tableToTSV({ ...att.table, title: t });
  } else {
    setKind(node, 'text');
    content.value = blocksToText(att.body) ?? '';
  }
  // Until the text is edited, the attachment goes back exactly as it came:
  // a table's keys, types and sums, a body's blocks.
  node.original = { text: content.value, att };
  node.addEventListener('change', (e) => {
    if (e.target.type === 'radio') setKind(node, e.target.value);
  });
  $('.att-remove', node).addEventListener('click', () => {
    node.remove();
    renumber(container);
    onChange();
  });
  container.append(node);
  renumber(container);
  return node;
}

function setKind(node, kind) {
  for (const r of $$('input[type=radio]', node)) r.checked = r.value === kind;
  $('.att-hint', node).textContent = HINTS[kind];
  $('.att-label', node).textContent = kind === 'table' ? '表格（制表符分隔）' : '附件内容';
}

function kindOf(node) {
  return $$('input[type=radio]', node).find((r) => r.checked)?.value || 'text';
}

// renumber gives each editor the JSON paths of its attachment, so problems
// reported for attachments[1].title land beside the second one.
function renumber(container) {
  $$('.attachment', container).forEach((node, i) => {
    $('.att-title', node).dataset.path = `attachments[${i}].title`;
    const content = $('.att-content', node);
    content.dataset.path = `attachments[${i}].body`;
    content.dataset.alias = `attachments[${i}].table attachments[${i}]`;
  });
}

// read returns the attachments as the document wants them, and the problems
// found while reading pasted tables (with full JSON paths).
export function read(container) {
  const out = [];
  const problems = [];
  const labels = {};
  $$('.attachment', container).forEach((node, i) => {
    const att = { title: $('.att-title', node).value.trim() };
    const text = $('.att-content', node).value;
    const orig = node.original.att;
    if (text === node.original.text && (orig.table || orig.body) && kindOf(node) === (orig.table ? 'table' : 'text')) {
      if (orig.table) att.table = orig.table;
      else att.body = orig.body;
    } else if (kindOf(node) === 'table') {
      const { table, problems: ps } = tableFromTSV(text);
      for (const p of ps) problems.push({ path: `attachments[${i}].table${p.path ? '.' + p.path : ''}`, message: p.message, local: true });
      if (table) {
        const { unit, notes } = node.meta;
        att.table = { ...table, ...(unit ? { unit } : {}), ...(notes ? { notes } : {}) };
        labels[i] = Object.fromEntries(table.columns.map((c) => [c.key, c.label]));
      }
    } else if (text.trim()) {
      att.body = text;
    }
    out.push(att);
  });
  return { attachments: out, problems, labels };
}

export function clear(container) {
  container.replaceChildren();
}
