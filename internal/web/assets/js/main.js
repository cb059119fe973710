// Boots the page: the tabs, the access token when the service wants one, the
// catalogue of kinds and offices, then the drafting and batch pages.

import { $, $$ } from './dom.js';
import { getJSON, setToken, whenUnauthorized } from './api.js';
import * as editor from './editor.js';
import * as batch from './batch.js';

function showTab() {
  const tab = location.hash === '#batch' ? 'batch' : 'draft';
  for (const a of $$('.tabs a')) a.setAttribute('aria-selected', String(a.id === `tab-${tab}`));
  $('#page-draft').hidden = tab !== 'draft';
  $('#page-batch').hidden = tab !== 'batch';
}

// service shows whether the service can render (fonts loaded) — /readyz.
async function service() {
  try {
    const r = await fetch('/readyz', { cache: 'no-store' });
    $('#service').textContent = r.ok ? '服务正常' : '服务尚未就绪（正在加载字体）';
    if (!r.ok) setTimeout(service, 3000);
  } catch {
    $('#service').textContent = '无法连接服务';
  }
}

async function boot() {
  showTab();
  window.addEventListener('hashchange', showTab);
  whenUnauthorized(() => {
    $('#token-box').hidden = false;
    $('#token').focus();
  });
  $('#token-save').addEventListener('click', () => {
    setToken($('#token').value.trim());
    location.reload();
  });
  service();
  let catalogue;
  try {
    catalogue = await getJSON('/v1/templates');
  } catch (err) {
    $('#status').textContent = `无法读取模板目录：${err.message}`;
    $('#status').className = 'status bad';
    return;
  }
  await editor.start(catalogue);
  batch.start(catalogue);
  document.documentElement.dataset.ready = 'true';
}

boot();
