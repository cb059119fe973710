// Small DOM helpers shared by the page's modules.

export const $ = (sel, root = document) => root.querySelector(sel);
export const $$ = (sel, root = document) => [...root.querySelectorAll(sel)];

// debounce runs fn once the calls have paused for ms: the page validates and
// renders when the person stops typing, not on every key.
export function debounce(fn, ms) {
  let timer;
  return (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), ms);
  };
}

// el builds an element with text content only (never innerHTML): every string
// shown comes from a person or the server and must not become markup.
export function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'class') e.className = v;
    else if (v !== undefined && v !== null) e.setAttribute(k, v);
  }
  for (const c of children) e.append(c);
  return e;
}

// saveBlob hands a blob to the browser as a download named name.
export function saveBlob(blob, name) {
  const url = URL.createObjectURL(blob);
  const a = el('a', { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  // The download has started reading the blob; a minute is plenty.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

// lines splits a textarea into its non-blank lines, trimmed.
export function lines(text) {
  return text.split(/\r\n|\r|\n/).map((s) => s.trim()).filter(Boolean);
}

// today is the local date as YYYY-MM-DD, the form of every date in a document.
export function today() {
  const d = new Date();
  const p = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}
