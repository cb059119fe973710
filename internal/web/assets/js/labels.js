// Chinese names of the document's JSON paths, for problems shown where no
// input of the form stands beside them: fields kept from an opened file, and
// the rows of a batch.

const NAMES = {
  '': '文档', format: '版式', kind: '答复类型', profile: '办文单位', issuer: '发文机关', issuerMark: '发文机关标志',
  jointIssuers: '联合发文机关', docNumber: '发文字号', copyNumber: '份号', secrecy: '密级和保密期限', urgency: '紧急程度',
  signers: '签发人', disclosure: '公开属性', category: '答复类别', title: '标题', addressees: '主送机关',
  proposal: '建议（提案）', 'proposal.type': '建议类型', 'proposal.session': '会议', 'proposal.number': '建议编号',
  'proposal.title': '建议标题', 'proposal.deputies': '代表姓名', 'proposal.leadUnit': '主办单位',
  body: '正文', attachments: '附件', signature: '署名', 'signature.name': '署名', 'signature.date': '成文日期',
  'signature.seal': '印章', note: '附注', cc: '抄送', printer: '印发机关', 'printer.name': '印发机关', 'printer.date': '印发日期',
};

// nameOf names a path in Chinese by its nearest named parent, keeping the
// path itself for whoever edits the JSON: 成文日期（signature.date）. A ledger's
// column header is Chinese already and comes back as it is.
export function nameOf(path) {
  if (!path) return NAMES[''];
  for (let p = path; p; p = parentOf(p)) {
    if (NAMES[p]) return `${NAMES[p]}（${path}）`;
  }
  return path;
}

function parentOf(p) {
  const i = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
  return i > 0 ? p.slice(0, i) : '';
}
