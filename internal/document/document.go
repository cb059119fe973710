package document

// Formats of a document (GB/T 9704-2012 §7 and §10.1).
const (
	FormatFile   = "file"   // 文件格式: red 标志 + 发文字号 + red rule
	FormatLetter = "letter" // 信函格式: red double rules
)

// Seal layouts of the signature block (GB/T 9704-2012 §7.3.5).
const (
	SealNone  = "none"  // 不加盖印章: 署名 right + 2字, date under it
	SealStamp = "stamp" // 加盖印章: date right + 4字, 署名 centred over it, room for a stamp
	SealImage = "image" // a PNG seal pressed on the date
)

// Document is one official document: a reply, a notice, a letter.
// Field names follow the input contract (camelCase JSON).
type Document struct {
	Format       string       `json:"format,omitempty"`
	Kind         string       `json:"kind,omitempty"`
	Profile      string       `json:"profile,omitempty"` // office profile supplying issuer, 抄送, 印发 … (templates)
	Issuer       string       `json:"issuer"`
	IssuerMark   string       `json:"issuerMark,omitempty"`
	JointIssuers []string     `json:"jointIssuers,omitempty"`
	DocNumber    string       `json:"docNumber,omitempty"`
	CopyNumber   string       `json:"copyNumber,omitempty"`
	Secrecy      string       `json:"secrecy,omitempty"`
	Urgency      string       `json:"urgency,omitempty"`
	Signers      []string     `json:"signers,omitempty"`
	Disclosure   string       `json:"disclosure,omitempty"`
	Category     string       `json:"category,omitempty"`
	Title        string       `json:"title,omitempty"`
	Addressees   []string     `json:"addressees,omitempty"`
	Proposal     *Proposal    `json:"proposal,omitempty"`
	Body         Body         `json:"body,omitempty"`
	Attachments  []Attachment `json:"attachments,omitempty"`
	Signature    *Signature   `json:"signature,omitempty"`
	Note         string       `json:"note,omitempty"`
	CC           []string     `json:"cc,omitempty"`
	Printer      *Printer     `json:"printer,omitempty"`
}

// Proposal is the deputy's 建议 or the member's 提案 being answered.
type Proposal struct {
	Type     string   `json:"type,omitempty"` // 建议 or 提案
	Session  string   `json:"session,omitempty"`
	Number   string   `json:"number,omitempty"`
	Title    string   `json:"title,omitempty"`
	Deputies []string `json:"deputies,omitempty"`
	LeadUnit string   `json:"leadUnit,omitempty"`
}

// Body is the 正文: a list of blocks. In JSON it is either an array of blocks or
// one string of plain text (see ParseText).
type Body []Block

// Block is a paragraph ({"text"}), a heading ({"heading": 1..4, "text"}) or a table.
type Block struct {
	Heading int    `json:"heading,omitempty"`
	Text    string `json:"text,omitempty"`
	Table   *Table `json:"table,omitempty"`
}

// Attachment is a 附件: its title forms the 附件说明; its body or table is set on
// pages of its own after the main text.
type Attachment struct {
	Title string `json:"title"`
	Body  Body   `json:"body,omitempty"`
	Table *Table `json:"table,omitempty"`
}

// Signature is the 署名, 成文日期 and 印章 block.
type Signature struct {
	Name string `json:"name,omitempty"`
	Date string `json:"date"` // ISO YYYY-MM-DD
	Seal Seal   `json:"seal,omitempty"`
}

// Seal is "none", "stamp", or {"image": base64 PNG} in JSON.
type Seal struct {
	Mode  string // SealNone, SealStamp or SealImage
	Image []byte // PNG bytes when Mode is SealImage
}

// Printer is the 印发机关 and 印发日期 of the 版记.
type Printer struct {
	Name string `json:"name"`
	Date string `json:"date"` // ISO YYYY-MM-DD
}

// Column types of a Table.
const (
	ColText    = "text"
	ColInt     = "int"
	ColNumber  = "number"
	ColPercent = "percent"
)

// Table is a ruled table in a body, an attachment or an annex.
type Table struct {
	Title   string           `json:"title,omitempty"`
	Unit    string           `json:"unit,omitempty"`
	Columns []Column         `json:"columns"`
	Rows    []map[string]any `json:"rows"`
	Notes   string           `json:"notes,omitempty"`
}

// Column describes one column of a Table.
type Column struct {
	Key   string `json:"key"`
	Label string `json:"label"`
	Type  string `json:"type,omitempty"` // text (default), int, number, percent
	Sum   bool   `json:"sum,omitempty"`
}

// Annex is a statistical annex: the same figures as an Excel workbook and as PDF
// attachment pages.
type Annex struct {
	Title  string       `json:"title"`
	Issuer string       `json:"issuer"`
	Period string       `json:"period,omitempty"`
	Tables []AnnexTable `json:"tables"`
}

// AnnexTable is a Table, or a preset (Kind: training, evaluation, jobfair) that
// gives only rows and lets the columns and totals be derived.
type AnnexTable struct {
	Name string `json:"name,omitempty"` // sheet name
	Kind string `json:"kind,omitempty"` // preset; empty for a generic table
	Table
}
