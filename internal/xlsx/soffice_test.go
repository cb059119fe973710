package xlsx

import (
	"context"
	"encoding/csv"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// csvAllSheets is LibreOffice's CSV filter: comma, double quote, UTF-8 (76),
// from line 1, cells as shown (token 9 = true), every sheet to its own file (token 12
// = -1, LibreOffice 7.2 and later) named <file>-<sheet>.csv.
const csvAllSheets = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1"

// recalcOnLoad makes a LibreOffice profile recalculate every formula of an
// .xlsx on load. By default it shows the cached values, as Excel does; this way
// the CSV shows LibreOffice's own evaluation of our formulas.
const recalcOnLoad = `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`

// TestLibreOfficeConverts opens the ceramics workbook in LibreOffice Calc
// (Debian's libreoffice-calc), headless, as an office that receives it would,
// and reads the figures back from its CSV export — once as cached in the file,
// once recalculated by LibreOffice — and prints it to PDF.
func TestLibreOfficeConverts(t *testing.T) {
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		if os.Getenv("GONGWEN_REQUIRE_SOFFICE") != "" {
			t.Fatal("soffice not found: make office-check installs libreoffice-calc")
		}
		t.Skip("soffice not found: install libreoffice-calc (apt-get install --no-install-recommends libreoffice-calc) to check that LibreOffice opens the workbook")
	}
	if testing.Short() {
		t.Skip("LibreOffice takes seconds to start; skipped with -short")
	}
	dir := t.TempDir()
	book := filepath.Join(dir, "annex.xlsx")
	if err := WriteFile(book, ceramics(t)); err != nil {
		t.Fatal(err)
	}
	convert := func(t *testing.T, profile, to string) string {
		out := filepath.Join(dir, profile+"-"+strings.SplitN(to, ":", 2)[0])
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
		defer cancel()
		cmd := exec.CommandContext(ctx, soffice, "--headless", "--norestore", "--nolockcheck",
			"-env:UserInstallation=file://"+filepath.Join(dir, profile), // private: never the user's, never another run's
			"--convert-to", to, "--outdir", out, book)
		cmd.Env = append(os.Environ(), "HOME="+dir)
		msg, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("soffice --convert-to %s: %v\n%s", to, err, msg)
		}
		if strings.Contains(strings.ToLower(string(msg)), "error") {
			t.Errorf("soffice reported: %s", msg)
		}
		return out
	}

	recalc := filepath.Join(dir, "recalc", "user")
	if err := os.MkdirAll(recalc, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(recalc, "registrymodifications.xcu"), []byte(recalcOnLoad), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, profile := range []string{"cached", "recalc"} {
		t.Run(profile, func(t *testing.T) { checkCSV(t, convert(t, profile, csvAllSheets)) })
	}
	t.Run("pdf", func(t *testing.T) {
		out := convert(t, "cached", "pdf")
		info, err := os.Stat(filepath.Join(out, "annex.pdf"))
		if err != nil || info.Size() == 0 {
			t.Fatalf("no PDF: %v", err)
		}
	})
}

// checkCSV reads the figures of the ceramics annex in LibreOffice's CSV export.
func checkCSV(t *testing.T, out string) {
	tests := []struct {
		sheet string
		row   []string // a row as LibreOffice shows it
	}{
		{"技能培训", []string{"合计", "1,712", "1,827", "3,539"}},
		{"职称评审", []string{"2021", "工艺美术", "中级", "评审", "36", "30", "83.3%"}},
		{"职称评审", []string{"合计", "", "", "", "82", "76", "92.7%"}},
		{"招聘服务", []string{"合计", "236", "5,248", "196,700", "111,000", "34,307", "30.9%"}},
	}
	for _, tt := range tests {
		rows := readCSV(t, filepath.Join(out, "annex-"+tt.sheet+".csv"))
		if !slices.ContainsFunc(rows, func(r []string) bool { return slices.Equal(r, tt.row) }) {
			t.Errorf("%s: no row %q in\n%q", tt.sheet, tt.row, rows)
		}
	}
	rows := readCSV(t, filepath.Join(out, "annex-技能培训.csv"))
	total := rows[len(rows)-1]
	if got := strings.ReplaceAll(total[len(total)-1], ",", ""); got != "3539" {
		t.Errorf("LibreOffice reads the trainees total as %q, want 3539", got)
	}
}

func readCSV(t *testing.T, path string) [][]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.FieldsPerRecord = -1
	rows, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return rows
}
