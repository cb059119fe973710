// A table pasted from a spreadsheet (Excel, WPS) arrives as tab-separated
// text: one row a line, a cell holding a line break or a tab quoted "…".
// tableFromTSV turns it into the contract's {columns, rows}: the first line
// gives the labels, a column whose every filled cell is a number becomes a
// number column, and a last row labelled 合计 becomes the renderer's own sum
// (so the total is computed, not copied). Nothing is dropped silently: a cell
// outside the header's columns is a problem, not a loss.

// splitTSV splits text into rows of cells, as spreadsheets write it.
export function splitTSV(text) {
  const rows = [];
  let row = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { cell += '"'; i++; }
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"' && cell === '') quoted = true;
    else if (c === '\t') { row.push(cell); cell = ''; }
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(cell); rows.push(row); row = []; cell = '';
    } else cell += c;
  }
  if (cell !== '' || row.length) { row.push(cell); rows.push(row); }
  return rows.map((r) => r.map((s) => s.trim())).filter((r) => r.some(Boolean));
}

const TOTAL = /^(合\s*计|总\s*计)$/;

// toNumber reads a cell as a spreadsheet shows it — 1,234  5.5  85%  and
// full-width digits from a Chinese input method — or returns null.
export function toNumber(cell) {
  const s = cell.replace(/[０-９．－％]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0));
  const m = /^(-?)(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(%?)$/.exec(s);
  if (!m) return null;
  const n = Number(m[1] + m[2].replaceAll(',', '') + (m[3] || ''));
  if (!Number.isFinite(n)) return null;
  const decimals = (m[3] || '').length;
  return { value: m[4] ? Number((n / 100).toFixed(decimals + 4)) : n, percent: Boolean(m[4]), integer: !m[3] };
}

// columnType is the type of a column from its filled cells: the first column
// names its row and stays text.
function columnType(i, cells) {
  if (i === 0 || cells.length === 0) return 'text';
  const nums = cells.map(toNumber);
  if (nums.some((n) => n === null)) return 'text';
  if (nums.every((n) => n.percent)) return 'percent';
  if (nums.some((n) => n.percent)) return 'text';
  return nums.every((n) => n.integer) ? 'int' : 'number';
}

// tableFromTSV returns {table, problems}; problems have paths relative to the
// table (rows[2], columns[1]…), as the service's do.
export function tableFromTSV(text) {
  const problems = [];
  const lines = splitTSV(text);
  if (lines.length === 0) {
    return { table: null, problems: [{ path: '', message: '表格为空：请在 Excel 中选中表格（含表头）复制，再粘贴到这里' }] };
  }
  const table = {};
  // A title row above the header: one filled cell over a wider row.
  const filled = (r) => r.filter(Boolean).length;
  if (lines.length > 2 && filled(lines[0]) === 1 && filled(lines[1]) >= 2) {
    table.title = lines.shift().find(Boolean);
  }
  const header = lines.shift();
  while (header.length > 1 && header[header.length - 1] === '') header.pop();
  let data = lines;
  let sum = false;
  if (data.length > 1 && TOTAL.test(data[data.length - 1][0] || '')) {
    data = data.slice(0, -1);
    sum = true;
  }
  data.forEach((r, i) => {
    const extra = r.slice(header.length).filter(Boolean);
    if (extra.length) {
      problems.push({ path: `rows[${i}]`, message: `有 ${header.length + extra.length} 格内容，表头只有 ${header.length} 列；请补全表头或删去多余的格` });
    }
  });
  table.columns = header.map((label, i) => {
    const type = columnType(i, data.map((r) => r[i] || '').filter(Boolean));
    const col = { key: `c${i + 1}`, label, type };
    if (sum && (type === 'int' || type === 'number')) col.sum = true;
    return col;
  });
  table.rows = data.map((r) => {
    const row = {};
    table.columns.forEach((c, i) => {
      const cell = r[i] || '';
      if (cell === '') return;
      row[c.key] = c.type === 'text' ? cell : toNumber(cell).value;
    });
    return row;
  });
  return { table, problems };
}

// tableToTSV writes a table back as tab-separated text, for a draft or a
// JSON file opened into the form.
export function tableToTSV(t) {
  const show = (c, v) => {
    if (v === undefined || v === null) return '';
    if (c.type === 'percent' && typeof v === 'number') return `${Number((v * 100).toFixed(6))}%`;
    const s = String(v);
    return /[\t\n"]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
  };
  const out = [];
  if (t.title) out.push(t.title);
  out.push(t.columns.map((c) => c.label).join('\t'));
  for (const r of t.rows || []) out.push(t.columns.map((c) => show(c, r[c.key])).join('\t'));
  if (t.columns.some((c) => c.sum)) out.push('合计');
  return out.join('\n');
}
