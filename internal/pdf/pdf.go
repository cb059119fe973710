package pdf

import (
	"bytes"
	"fmt"
	"io"
	"slices"
	"strconv"
	"time"

	"codeberg.org/go-pdf/fpdf"

	"gongwen/internal/layout"
)

// Subsetter cuts a small TrueType font holding only the given characters of a
// face, so each document embeds what it draws and nothing more.
type Subsetter interface {
	Subset(face int, runes []rune) ([]byte, error)
}

// Meta is the document information written into the PDF.
type Meta struct {
	Title   string
	Author  string // the issuing organ
	Subject string
	// Date fixes the creation and modification dates; with it the same input
	// gives byte-identical output (for tests and reproducible batches).
	Date time.Time
}

// red is the red of the 版头, the rules and the seal: pure enough that any
// reader (and gwcheck) sees red.
var red = [3]int{230, 0, 18}

const ptPerMM = 72 / 25.4

// compressFrom is the page count above which page streams are compressed.
const compressFrom = 8

// Write draws res and writes the PDF to w.
func Write(w io.Writer, res *layout.Result, fonts Subsetter, meta Meta) error {
	pdf := fpdf.New("P", "mm", "A4", "")
	pdf.SetMargins(0, 0, 0)
	pdf.SetAutoPageBreak(false, 0)
	// fpdf sets up a new zlib compressor for every page stream, which costs more
	// than a short document's few KB of text operators are worth (about 1.5 ms
	// of a 12 ms seed reply); long documents, where the bytes add up, compress.
	// Fonts are always compressed.
	pdf.SetCompression(len(res.Pages) > compressFrom)
	pdf.SetCatalogSort(true)
	date := meta.Date
	if date.IsZero() {
		date = time.Now()
	}
	pdf.SetCreationDate(date)
	pdf.SetModificationDate(date)
	pdf.SetTitle(meta.Title, true)
	pdf.SetAuthor(meta.Author, true)
	pdf.SetSubject(meta.Subject, true)
	pdf.SetCreator("gongwen", true)
	pdf.SetProducer("gongwen (go-pdf/fpdf)", true)

	if err := addFonts(pdf, res, fonts); err != nil {
		return err
	}
	d := drawer{pdf: pdf}
	for i := range res.Pages {
		if err := d.page(&res.Pages[i], i); err != nil {
			return err
		}
	}
	if err := pdf.Error(); err != nil {
		return fmt.Errorf("pdf: %w", err)
	}
	if err := pdf.Output(w); err != nil {
		return fmt.Errorf("pdf: %w", err)
	}
	return nil
}

// family is the fpdf font family name of a face.
func family(face int) string { return "f" + strconv.Itoa(face) }

// addFonts embeds a subset of every face the layout used.
func addFonts(pdf *fpdf.Fpdf, res *layout.Result, fonts Subsetter) error {
	ids := make([]int, 0, len(res.Used))
	for id := range res.Used {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	for _, id := range ids {
		runes := make([]rune, 0, len(res.Used[id]))
		for r := range res.Used[id] {
			if r > 0xFFFF {
				return fmt.Errorf("pdf: U+%04X lies outside the Basic Multilingual Plane, which the PDF library cannot embed", r)
			}
			runes = append(runes, r)
		}
		slices.Sort(runes)
		data, err := fonts.Subset(id, runes)
		if err != nil {
			return fmt.Errorf("pdf: font subset: %w", err)
		}
		pdf.AddUTF8FontFromBytes(family(id), "", data)
		if err := pdf.Error(); err != nil {
			return fmt.Errorf("pdf: font %d: %w", id, err)
		}
	}
	return nil
}

// drawer keeps the text state already written, to write each operator only
// when it changes.
type drawer struct {
	pdf     *fpdf.Fpdf
	spacing float64 // Tc in effect, pt
	scale   float64 // Tz in effect, percent
}

func (d *drawer) page(pg *layout.Page, index int) error {
	pdf := d.pdf
	pdf.AddPage()
	d.spacing, d.scale = 0, 100
	for _, im := range pg.Images {
		name := "seal" + strconv.Itoa(index) + "_" + strconv.FormatFloat(im.X, 'f', 2, 64)
		opt := fpdf.ImageOptions{ImageType: "PNG"}
		pdf.RegisterImageOptionsReader(name, opt, bytes.NewReader(im.PNG))
		if err := pdf.Error(); err != nil {
			return fmt.Errorf("signature.seal.image: 印章图片无法读取（%v）；请提供 PNG 图片", err)
		}
		// Drawn after the text below, so the seal presses on the name and date.
		defer pdf.ImageOptions(name, im.X, im.Y, im.W, im.H, false, opt, 0, "")
	}
	if pg.Landscape {
		// Turn the landscape page's drawing onto the upright sheet: (u, v) →
		// (v, 297 − u), the table's head toward the paper's left edge.
		pdf.TransformBegin()
		pdf.TransformTranslate(0, layout.PaperH)
		pdf.TransformRotate(90, 0, 0)
	}
	for _, seg := range pg.Segments {
		d.text(seg)
	}
	for _, r := range pg.Rules {
		setDraw(pdf, r.Color)
		pdf.SetLineWidth(r.Thickness)
		pdf.Line(r.X, r.Y, r.X+r.W, r.Y+r.H)
	}
	if pg.Landscape {
		pdf.TransformEnd()
	}
	for _, seg := range pg.Folio {
		d.text(seg)
	}
	return nil
}

func (d *drawer) text(seg layout.Segment) {
	pdf := d.pdf
	pdf.SetFont(family(seg.Face), "", seg.Size)
	if seg.Color == layout.Red {
		pdf.SetTextColor(red[0], red[1], red[2])
	} else {
		pdf.SetTextColor(0, 0, 0)
	}
	scale := seg.Scale
	if scale == 0 {
		scale = 100
	}
	if scale != d.scale {
		pdf.RawWriteStr(strconv.FormatFloat(scale, 'f', 2, 64) + " Tz\n")
		d.scale = scale
	}
	// Spacing is measured on the page; Tc is scaled by Tz, so undo the scaling.
	tc := seg.Spacing * ptPerMM * 100 / scale
	if tc != d.spacing {
		pdf.RawWriteStr(strconv.FormatFloat(tc, 'f', 4, 64) + " Tc\n")
		d.spacing = tc
	}
	pdf.Text(seg.X, seg.Y, seg.Text)
}

func setDraw(pdf *fpdf.Fpdf, c layout.Color) {
	if c == layout.Red {
		pdf.SetDrawColor(red[0], red[1], red[2])
		return
	}
	pdf.SetDrawColor(0, 0, 0)
}
