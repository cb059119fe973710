package layout

import "fmt"

// Role is the typeface a piece of text is set in, as the standard names it.
type Role string

// The roles of GB/T 9704-2012 §6 and §7.
const (
	FangSong     Role = "fangsong"     // 仿宋: body, most elements
	XiaoBiaoSong Role = "xiaobiaosong" // 小标宋: issuer mark, titles
	HeiTi        Role = "heiti"        // 黑体: level-1 headings, marks
	KaiTi        Role = "kaiti"        // 楷体: level-2 headings, 签发人 names
	SongTi       Role = "songti"       // 宋体: page numbers
)

// Roles lists every role in the order they are described.
var Roles = []Role{FangSong, XiaoBiaoSong, HeiTi, KaiTi, SongTi}

// Faces tells the typesetter which concrete face sets a character of a role
// (the role's first font that has it) and how wide it is. The fontset package
// implements it; tests may use a fixed-metrics fake.
type Faces interface {
	// Face returns the id of the face that sets r in role, or ok=false when no
	// font of the role's chain has r.
	Face(role Role, r rune) (face int, ok bool)
	// Advance returns r's advance width in face, in ems.
	Advance(face int, r rune) float64
}

// Color of ink.
type Color uint8

// Colours used in official documents: black, and red for the 版头 and seal.
const (
	Black Color = iota
	Red
)

// Segment is a run of glyphs of one face, size and colour on one baseline. The
// first glyph's advance box starts at X; each next glyph follows after the
// previous one's natural advance plus Spacing (PDF's character spacing, Tc).
type Segment struct {
	Face    int     `json:"face"`
	Size    float64 `json:"size"` // pt
	Color   Color   `json:"color,omitempty"`
	X       float64 `json:"x"`                 // mm from the paper's left
	Y       float64 `json:"y"`                 // baseline, mm from the paper's top
	Spacing float64 `json:"spacing,omitempty"` // mm added after every glyph
	Scale   float64 `json:"scale,omitempty"`   // horizontal scaling in percent; 0 means 100
	Text    string  `json:"text"`
}

// Rule is a straight line: the red rules of the 版头, the 版记's black rules and
// the rules of tables. It runs from (X, Y) to (X+W, Y+H); H is 0 for a
// horizontal rule, W for a vertical one. Y is the rule's centre line.
type Rule struct {
	X, Y, W, H float64
	Thickness  float64
	Color      Color
}

// Image is a picture placed on the page: the seal.
type Image struct {
	X, Y, W, H float64
	PNG        []byte
}

// Page is one side of A4 paper with everything placed on it.
type Page struct {
	Number   int // the printed page number; 0 when the page shows none
	Segments []Segment
	Rules    []Rule
	Images   []Image
	Lines    []LineInfo // one per text line, for tests and golden snapshots
	// Landscape pages hold a table too wide for the upright 版心. Their
	// segments, rules and images are in the coordinates of the page turned a
	// quarter clockwise (297 × 210 mm, the table's head toward the paper's left
	// edge, which is the 订口 of an odd page and the 切口 of an even one, as §8
	// asks); the PDF turns them back. Folio is not turned: the page number
	// stays where it is on every other page.
	Landscape bool
	Folio     []Segment

	rows int // grid rows set in the 版心 when tightened past 22 (§7.3.5.5); 0 for 22
}

// Tightened reports how many rows the page fits into its 版心 (22 unless its
// line spacing was tightened to keep a signature block with its text).
func (p *Page) Tightened() int {
	if p.rows == 0 {
		return GridLines
	}
	return p.rows
}

// tighten moves everything set in the 版心 so that rows grid lines fill it:
// the line spacing of the page shrinks evenly.
func (p *Page) tighten() {
	if p.rows <= GridLines {
		return
	}
	k := float64(GridLines) / float64(p.rows)
	move := func(y float64) float64 {
		if y > BoxTop+float64(p.rows)*Pitch+1 || y < BoxTop {
			return y
		}
		return BoxTop + (y-BoxTop)*k
	}
	for i := range p.Segments {
		p.Segments[i].Y = move(p.Segments[i].Y)
	}
	for i := range p.Lines {
		p.Lines[i].Y = round2(move(p.Lines[i].Y))
	}
	for i := range p.Images {
		p.Images[i].Y = move(p.Images[i].Y)
	}
	for i := range p.Rules {
		p.Rules[i].Y = move(p.Rules[i].Y)
	}
}

// LineInfo records a set line: where it stands and what it holds.
type LineInfo struct {
	Kind  string  `json:"kind"` // title, addressee, body, heading1…4, attachments, signature, date, note, cc, printer, mark, docnumber, pagenumber …
	Grid  int     `json:"grid"` // the grid line (0–21) it sits on; -1 off the grid
	X0    float64 `json:"x0"`
	X1    float64 `json:"x1"`
	Y     float64 `json:"y"` // baseline
	Size  float64 `json:"size"`
	Chars int     `json:"chars"`
	Text  string  `json:"text"`
}

// Result is a laid-out document.
type Result struct {
	Pages []Page
	// Faces used, for the PDF to embed: face id -> runes drawn in it.
	Used map[int]map[rune]bool
}

// MissingGlyphError reports a character that no font of its role's chain has.
type MissingGlyphError struct {
	Path   string // JSON path of the text, e.g. body[3].text
	Offset int    // index of the character in that text, in characters
	Char   rune
	Role   Role
}

func (e *MissingGlyphError) Error() string {
	if e.Char > 0xFFFF {
		return fmt.Sprintf("%s: 第%d个字符“%c”(U+%04X) 在基本多文种平面之外（如扩展B区汉字），暂不能嵌入 PDF；请改用常用字或同音替代并加注",
			e.Path, e.Offset+1, e.Char, e.Char)
	}
	return fmt.Sprintf("%s: 第%d个字符“%c”(U+%04X) 在%s字体中没有字形；请改用常用字，或在 fonts/ 目录放入含此字的%s字体",
		e.Path, e.Offset+1, e.Char, e.Char, roleName[e.Role], roleName[e.Role])
}

var roleName = map[Role]string{
	FangSong: "仿宋", XiaoBiaoSong: "小标宋", HeiTi: "黑体", KaiTi: "楷体", SongTi: "宋体",
}

// RoleName is the Chinese name of a role.
func RoleName(r Role) string { return roleName[r] }
