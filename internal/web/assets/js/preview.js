// The preview: the real PDF from POST /v1/render?inline=1, drawn page by page
// on canvases by pdf.js. When pdf.js was not vendored into the build (a fresh
// clone before `make web`) or ?viewer=basic asks for it, the PDF is shown in
// the browser's own viewer instead, and the page says so.

import { $, el } from './dom.js';

const PDFJS = '/assets/vendor/pdf.min.mjs';
const WORKER = '/assets/vendor/pdf.worker.min.mjs';

let pdfjs = null; // the module, or false for the browser's viewer
let worker = null; // one worker for every preview: starting one costs more than a render
let shown = null; // the pdf.js document on display, destroyed when replaced
let generation = 0; // a newer preview wins over one still drawing
let url = null; // the blob URL of the basic viewer

export async function init() {
  if (new URLSearchParams(location.search).get('viewer') === 'basic') {
    pdfjs = false;
  } else {
    try {
      pdfjs = await import(PDFJS);
      pdfjs.GlobalWorkerOptions.workerSrc = WORKER;
      worker = new pdfjs.PDFWorker();
    } catch {
      pdfjs = false;
    }
  }
  const note = $('#viewer-note');
  note.hidden = pdfjs !== false;
  note.textContent = '本服务未附带 pdf.js（管理员执行 make web 后重新构建即可），预览改用浏览器自带的 PDF 阅读器显示。';
  document.documentElement.dataset.viewer = pdfjs ? 'pdfjs' : 'basic';
}

// stale marks the preview as out of date (the form has problems).
export function stale(on) {
  $('#viewer').classList.toggle('stale', on);
}

// show displays a PDF; pages is the service's X-Page-Count, used by the basic
// viewer, which cannot count. It resolves with the number of pages shown.
export async function show(bytes, pages) {
  const gen = ++generation;
  const viewer = $('#viewer');
  if (!pdfjs) {
    if (url) URL.revokeObjectURL(url);
    url = URL.createObjectURL(new Blob([bytes], { type: 'application/pdf' }));
    viewer.replaceChildren(el('iframe', { src: url, title: '公文预览' }));
    setCount(pages);
    return pages;
  }
  const doc = await pdfjs.getDocument({ data: bytes, worker, isEvalSupported: false }).promise;
  const canvases = [];
  // Draw at the width the viewer shows, sharp on high-density screens.
  const width = Math.max(viewer.clientWidth - 24, 300) * Math.min(window.devicePixelRatio || 1, 2);
  for (let i = 1; i <= doc.numPages; i++) {
    if (gen !== generation) break;
    const page = await doc.getPage(i);
    const vp = page.getViewport({ scale: width / page.getViewport({ scale: 1 }).width });
    const canvas = el('canvas', { 'aria-label': `第 ${i} 页`, 'data-page': i });
    canvas.width = Math.round(vp.width);
    canvas.height = Math.round(vp.height);
    await page.render({ canvasContext: canvas.getContext('2d'), viewport: vp }).promise;
    canvases.push(canvas);
  }
  if (gen !== generation) {
    doc.destroy();
    return null;
  }
  // Swap in one go, so the reader's place and the old pages stay until the new ones are ready.
  const top = viewer.scrollTop;
  viewer.replaceChildren(...canvases);
  viewer.scrollTop = top;
  if (shown) shown.destroy();
  shown = doc;
  setCount(doc.numPages);
  return doc.numPages;
}

function setCount(n) {
  $('#pages').textContent = `共 ${n} 页`;
  $('#pages').dataset.pages = n;
}
