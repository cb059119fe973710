// A body given as blocks (from a JSON file or an opened draft) is shown in
// the form as the plain text a person would paste: headings get their
// ordinal back (一、 （一） 1. （1）), so the server parses the text into the
// same blocks again.

const CN = '〇一二三四五六七八九';

// chineseNumber writes 1–99 as 一 … 九十九.
export function chineseNumber(n) {
  if (n < 10) return CN[n];
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return (tens > 1 ? CN[tens] : '') + '十' + (ones ? CN[ones] : '');
}

const ORDINALS = [
  null,
  /^[一二三四五六七八九十]+、/,
  /^[（(][一二三四五六七八九十]+[）)]/,
  /^\d+[.．、]/,
  /^[（(]\d+[）)]/,
];

export function ordinal(level, n) {
  switch (level) {
    case 1: return `${chineseNumber(n)}、`;
    case 2: return `（${chineseNumber(n)}）`;
    case 3: return `${n}.`;
    default: return `（${n}）`;
  }
}

// blocksToText returns the text of blocks, or null when a block is a table,
// which plain text cannot hold.
export function blocksToText(blocks) {
  if (typeof blocks === 'string') return blocks;
  const counts = [0, 0, 0, 0, 0];
  const out = [];
  for (const b of blocks || []) {
    if (b.table) return null;
    const text = (b.text || '').trim();
    if (!b.heading) {
      out.push(text);
      continue;
    }
    const lv = b.heading;
    counts[lv]++;
    for (let i = lv + 1; i < counts.length; i++) counts[i] = 0;
    out.push(ORDINALS[lv] && ORDINALS[lv].test(text) ? text : ordinal(lv, counts[lv]) + text);
  }
  return out.join('\n');
}
