// Drafts kept in the browser (localStorage): the document being written is
// saved as it changes, so closing the tab loses nothing, and named drafts
// can be saved and reopened. A draft is the document JSON itself — the same
// thing "下载 JSON" writes and "打开 JSON 文件" reads.

const CURRENT = 'gongwen.current';
const SAVED = 'gongwen.drafts';
const MAX = 30; // a browser gives a site about 5 MB; a seal image is ~100 KB

function read(key, fallback) {
  try {
    return JSON.parse(localStorage.getItem(key)) ?? fallback;
  } catch {
    return fallback;
  }
}

// write reports whether the browser kept the value (storage may be full or off).
function write(key, value) {
  try {
    localStorage.setItem(key, JSON.stringify(value));
    return true;
  } catch {
    return false;
  }
}

export const current = () => read(CURRENT, null);
export const keepCurrent = (doc) => write(CURRENT, doc);
export const list = () => read(SAVED, []);

// nameOf names a draft after its proposal or its title.
export function nameOf(doc) {
  const p = doc.proposal || {};
  if (p.number) return `第${p.number}号${p.type || '建议'}${doc.kind ? '答复' : ''}`;
  return doc.title || doc.docNumber || '未命名草稿';
}

// save stores doc under its name, replacing a draft of the same name.
export function save(doc) {
  const name = nameOf(doc);
  const drafts = list().filter((d) => d.name !== name);
  drafts.unshift({ name, saved: new Date().toISOString(), doc });
  return write(SAVED, drafts.slice(0, MAX)) ? name : null;
}

export function get(name) {
  return list().find((d) => d.name === name)?.doc ?? null;
}
