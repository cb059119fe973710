package xlsx

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/xuri/excelize/v2"

	"gongwen/internal/document"
)

// Write writes the annex a to w as an .xlsx workbook. Input that cannot make a
// correct workbook (a passed count above applicants, a sheet name Excel
// refuses …) is returned as document.Problems, each naming the JSON path.
func Write(w io.Writer, a *document.Annex) error {
	tables, ps := a.StatTables()
	if len(ps) > 0 {
		return ps
	}
	for i := range tables {
		rows := len(tables[i].Rows)
		if l := layoutOf(&tables[i]); l.last > excelize.TotalRows {
			return document.Problems{{
				Path:    fmt.Sprintf("tables[%d].rows", i),
				Message: fmt.Sprintf("共 %d 行，一张 Excel 工作表最多容纳 %d 行数据；请拆成几张表", rows, excelize.TotalRows-(l.last-rows)),
			}}
		}
	}
	f := excelize.NewFile()
	defer f.Close()
	if err := writeBook(f, a, tables); err != nil {
		return err
	}
	_, err := f.WriteTo(w)
	return err
}

// WriteFile writes the workbook to path. It writes a temporary file beside it
// and renames it, so a failure never leaves half a workbook under that name.
func WriteFile(path string, a *document.Annex) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".annex-*.xlsx")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // fails harmlessly once renamed
	bw := bufio.NewWriter(tmp)
	if err := Write(bw, a); err != nil {
		tmp.Close()
		return err
	}
	if err := bw.Flush(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

func writeBook(f *excelize.File, a *document.Annex, tables []document.StatTable) error {
	if err := f.SetDefaultFont(fontBody); err != nil {
		return err
	}
	if err := f.SetDocProps(&excelize.DocProperties{
		Title:          a.Title,
		Subject:        a.Period,
		Creator:        a.Issuer,
		LastModifiedBy: a.Issuer,
		Category:       "统计附件",
		Language:       "zh-CN",
	}); err != nil {
		return err
	}
	if err := f.SetAppProps(&excelize.AppProperties{Company: a.Issuer}); err != nil {
		return err
	}
	st, err := newStyles(f)
	if err != nil {
		return err
	}
	for i := range tables {
		name := tables[i].Name
		if i == 0 {
			err = f.SetSheetName(f.GetSheetName(0), name)
		} else {
			_, err = f.NewSheet(name)
		}
		if err != nil {
			return fmt.Errorf("工作表“%s”：%w", name, err)
		}
	}
	// Before any sheet is streamed: afterwards excelize would read a streamed
	// sheet back into memory to mark it active.
	f.SetActiveSheet(0)
	for i := range tables {
		if err := writeSheet(f, st, a, &tables[i]); err != nil {
			return fmt.Errorf("工作表“%s”：%w", tables[i].Name, err)
		}
	}
	return nil
}
