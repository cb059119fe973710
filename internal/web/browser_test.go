package web

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
)

// TestBrowser drives the page in headless Chromium against the real service,
// as a person would: paste the seed reply, see every page of its preview,
// make a mistake and see it beside the field, download the PDF, run a batch.
// The subtests share one tab and run in order, each starting where the last
// one left the page (a browser is the slowest thing on a 2-core machine), so
// the drafting subtests stop at the first that fails.
func TestBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("browser tests are skipped with -short")
	}
	if !HasPDFJS() {
		skipOrFail(t, "pdf.js is not vendored into internal/web/assets/vendor: run make web")
	}
	ctx := newBrowser(t)
	svc := bootService(t)
	api := "http://" + svc.Addr()
	site := serveSite(t, api)
	text, seed := seedText(t)
	p := seed["proposal"].(map[string]any)

	ok := t.Run("preview shows every page of the pasted seed", func(t *testing.T) {
		step(t, ctx, "fill in the seed reply", 30*time.Second,
			chromedp.Navigate(site+"/"),
			chromedp.WaitVisible(css(`html[data-ready="true"][data-viewer="pdfjs"]`)),
			choose("#f-kind", "fenban"),
			choose("#f-profile", "zhuzhou-hrss"),
			typeInto("#f-session", p["session"].(string)),
			typeInto("#f-number", p["number"].(string)),
			typeInto("#f-ptitle", p["title"].(string)),
			typeInto("#f-deputies", "刘新华"),
			typeInto("#f-body", text),
			setDate("#f-date", "2022-07-05"),
			typeInto("#f-docnumber", seed["docNumber"].(string)),
			typeInto("#f-disclosure", seed["disclosure"].(string)),
		)
		want := pagesOf(t, api, mustJSON(t, seed))
		step(t, ctx, "wait for the preview", 60*time.Second, chromedp.WaitVisible(css(`#status[data-state="ok"]`)))
		canvases := value(t, ctx, "count pages", 5*time.Second,
			chromedp.Evaluate[int](`document.querySelectorAll('#viewer canvas').length`))
		count := value(t, ctx, "page count", 5*time.Second, chromedp.Text(css(`#pages`)))
		if canvases != want || count != fmt.Sprintf("共 %d 页", want) {
			t.Errorf("preview: %d canvases, %q; the seed has %d pages", canvases, count, want)
		}
		step(t, ctx, "scroll to the top", 5*time.Second, js(`window.scrollTo(0, 0)`))
		screenshot(t, ctx, "draft")
	})

	ok = ok && t.Run("a mistake is shown beside its field", func(t *testing.T) {
		step(t, ctx, "type a 发文字号 with square brackets", 30*time.Second,
			typeInto("#f-docnumber", "株人社字[2022]27号"),
			chromedp.WaitVisible(css(`#status[data-state="bad"]`)),
		)
		msg := value(t, ctx, "the problem", 5*time.Second, chromedp.Text(css(`#f-docnumber ~ .problems li`)))
		invalid := value(t, ctx, "aria-invalid", 5*time.Second, chromedp.AttributeValue(css(`#f-docnumber`), "aria-invalid"))
		if !strings.Contains(msg, "六角括号") || invalid.Value != "true" {
			t.Errorf("beside 发文字号: %q (aria-invalid %q)", msg, invalid.Value)
		}
		screenshot(t, ctx, "problem")
		step(t, ctx, "correct it", 60*time.Second,
			typeInto("#f-docnumber", seed["docNumber"].(string)),
			chromedp.WaitVisible(css(`#status[data-state="ok"]`)),
			chromedp.WaitNotPresent(css(`#f-docnumber ~ .problems`)),
		)
	})

	_ = ok && t.Run("download the PDF", func(t *testing.T) {
		pdf, name := download(t, ctx, "#download-pdf")
		if !bytes.HasPrefix(pdf, []byte("%PDF-")) {
			t.Fatalf("download %q starts %q, not %%PDF-", name, pdf[:min(len(pdf), 8)])
		}
		if name != "株人社字〔2022〕27号.pdf" {
			t.Errorf("download named %q", name)
		}
		// The form wrote the seed reply: the same PDF as the seed's JSON.
		if want := render(t, api, mustJSON(t, seed)); !bytes.Equal(pdf, want) {
			t.Errorf("the page's PDF (%d bytes) differs from the seed's (%d bytes)", len(pdf), len(want))
		}
	})

	_ = ok && t.Run("an attachment pasted from a spreadsheet", func(t *testing.T) { testAttachment(t, ctx, api) })

	t.Run("a JSON file opens into the form", func(t *testing.T) {
		file, _ := filepath.Abs("../../testdata/fenban-1234.json")
		step(t, ctx, "open the seed's JSON", 60*time.Second,
			chromedp.Navigate(site+"/"),
			chromedp.WaitVisible(css(`html[data-ready="true"]`)),
			chromedp.SetUploadFiles(css(`#open-json`), []string{file}),
			chromedp.WaitVisible(css(`#status[data-state="ok"]`)),
		)
		kept := value(t, ctx, "kept fields", 5*time.Second, chromedp.Text(css(`#extra-kept`)))
		if !strings.Contains(kept, "issuerMark") {
			t.Errorf("the note on fields kept as they were says %q", kept)
		}
		// The body's blocks are shown as the text a person would paste, headings numbered.
		body := value(t, ctx, "body", 5*time.Second, chromedp.Value(css(`#f-body`)))
		if !strings.HasPrefix(body, "您提出的") || !strings.Contains(body, "\n二、结合需求，畅通职称评审路径\n") {
			t.Errorf("the body reads %.80q…", body)
		}
		pdf, _ := download(t, ctx, "#download-pdf")
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		if want := render(t, api, data); !bytes.Equal(pdf, want) {
			t.Errorf("after a round trip through the form the PDF (%d bytes) differs from the file's (%d bytes)", len(pdf), len(want))
		}
	})

	t.Run("the draft survives a reload; the basic viewer", func(t *testing.T) {
		step(t, ctx, "reload without pdf.js", 60*time.Second,
			chromedp.Navigate(site+"/?viewer=basic"),
			chromedp.WaitVisible(css(`html[data-ready="true"][data-viewer="basic"]`)),
			chromedp.WaitVisible(css(`#status[data-state="ok"]`)),
			chromedp.WaitVisible(css(`#viewer-note`)),
			chromedp.WaitReady(css(`#viewer iframe`)),
		)
		issuer := value(t, ctx, "issuer", 5*time.Second, chromedp.Value(css(`#f-issuer`)))
		count := value(t, ctx, "page count", 5*time.Second, chromedp.Text(css(`#pages`)))
		if issuer != "株洲市人力资源和社会保障局" || count != "共 6 页" {
			t.Errorf("after a reload: issuer %q, %q", issuer, count)
		}
	})

	t.Run("tables pasted from a spreadsheet", func(t *testing.T) { testTables(t, ctx) })

	t.Run("the page keeps its Content-Security-Policy", func(t *testing.T) {
		if v := violations(t, ctx); v != "" {
			t.Errorf("the policy refused:\n%s", v)
		}
	})

	t.Run("a batch runs to 100%", func(t *testing.T) { testBatch(t, ctx, site, api, seed) })
}

// testAttachment adds a table attachment with two mistakes, one the page
// finds (a cell beyond the header) and one the service finds (no name).
func testAttachment(t *testing.T, ctx context.Context, api string) {
	step(t, ctx, "paste a table", 30*time.Second,
		chromedp.Click(css(`#add-attachment`)),
		chromedp.Click(css(`.attachment input[value="table"]`)),
		typeInto(`.attachment .att-content`, "地区\t场次\t求职人次\n荷塘区\t19\t880\n芦淞区\t9\t520\t多余\n合计\t28\t1400\n"),
		chromedp.WaitVisible(css(`#status[data-state="bad"]`)),
	)
	title := value(t, ctx, "title problem", 5*time.Second, chromedp.Text(css(`.attachment .att-title ~ .problems`)))
	cell := value(t, ctx, "table problem", 5*time.Second, chromedp.Text(css(`.attachment .att-content ~ .problems`)))
	if !strings.Contains(title, "附件名称") || !strings.Contains(cell, "第2行数据：有 4 格内容") {
		t.Errorf("beside the attachment: name %q, table %q", title, cell)
	}
	step(t, ctx, "correct them", 60*time.Second,
		typeInto(`.attachment .att-title`, "2022年上半年招聘会情况"),
		typeInto(`.attachment .att-content`, "地区\t场次\t求职人次\n荷塘区\t19\t880\n芦淞区\t9\t520\n合计\t28\t1400\n"),
		chromedp.WaitVisible(css(`#status[data-state="ok"]`)),
	)
	step(t, ctx, "show the attachment", 5*time.Second,
		js(`document.querySelector('.attachment').closest('fieldset').scrollIntoView(); document.querySelector('#viewer canvas:last-child').scrollIntoView()`))
	screenshot(t, ctx, "attachment")
	doc := value(t, ctx, "the form's document", 5*time.Second,
		evalAsync[string](`import('/assets/js/form.js').then(m => JSON.stringify(m.readForm().doc))`))
	var got struct {
		Attachments []struct {
			Title string
			Table struct {
				Columns []struct {
					Type string
					Sum  bool
				}
				Rows []map[string]any
			}
		}
	}
	if err := json.Unmarshal([]byte(doc), &got); err != nil {
		t.Fatal(err)
	}
	if a := got.Attachments; len(a) != 1 || len(a[0].Table.Rows) != 2 || a[0].Table.Columns[1].Type != "int" || !a[0].Table.Columns[1].Sum {
		t.Errorf("the attachment went out as %+v", a)
	}
	want := pagesOf(t, api, []byte(doc))
	if n := value(t, ctx, "pages", 5*time.Second, chromedp.Evaluate[int](`document.querySelectorAll('#viewer canvas').length`)); n != want {
		t.Errorf("with the attachment the preview has %d pages, the PDF %d", n, want)
	}
}

// testBatch uploads JSON Lines of two good replies and one with a bad date.
func testBatch(t *testing.T, ctx context.Context, site, api string, seed map[string]any) {
	if missing := batchRoutesMissing(t, api); missing != "" {
		t.Skipf("batch routes are not served yet: %s (mount internal/batch.HTTP in internal/httpapi with a data directory)", missing)
	}
	var lines bytes.Buffer
	for i, date := range []string{"2022-07-05", "2022-07-06", "2022-13-01"} {
		doc := mustJSONMap(t, seed)
		delete(doc, "docNumber")
		doc["proposal"].(map[string]any)["number"] = strconv.Itoa(2000 + i)
		doc["signature"].(map[string]any)["date"] = date
		lines.Write(mustJSON(t, doc))
		lines.WriteByte('\n')
	}
	file := filepath.Join(t.TempDir(), "replies.jsonl")
	if err := os.WriteFile(file, lines.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	step(t, ctx, "run the batch", 120*time.Second,
		chromedp.Navigate(site+"/#batch"),
		chromedp.WaitVisible(css(`html[data-ready="true"] #batch-file`)),
		chromedp.SetUploadFiles(css(`#batch-file`), []string{file}),
		chromedp.Click(css(`#batch-start`)),
		chromedp.WaitVisible(css(`#batch-zip`)),
	)
	percent := value(t, ctx, "percent", 5*time.Second, chromedp.Text(css(`#batch-percent`)))
	errs := value(t, ctx, "errors", 5*time.Second, chromedp.Text(css(`#batch-errors tbody`)))
	if percent != "100%" {
		t.Errorf("progress %q at the end", percent)
	}
	if !strings.Contains(errs, "第3行") || !strings.Contains(errs, "13") {
		t.Errorf("per-row errors: %q, want the bad date of line 3", errs)
	}
	screenshot(t, ctx, "batch")
	zip, _ := download(t, ctx, "#batch-zip")
	if !bytes.HasPrefix(zip, []byte("PK")) {
		t.Errorf("the ZIP starts %q", zip[:min(len(zip), 4)])
	}
}

// batchRoutesMissing names the first batch route the service does not have.
func batchRoutesMissing(t *testing.T, api string) string {
	t.Helper()
	resp, err := http.Post(api+"/v1/batches", "application/json", strings.NewReader("[]"))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode == http.StatusNotFound || resp.StatusCode == http.StatusMethodNotAllowed {
		return fmt.Sprintf("POST /v1/batches answers %d", resp.StatusCode)
	}
	return ""
}

func css(sel string) chromedp.CSS { return chromedp.CSS(sel) }

// js runs a statement in the page.
func js(src string) chromedp.Action[chromedp.Void] { return chromedp.Evaluate[chromedp.Void](src) }

// choose picks an option of a select, as a click would (with a change event).
func choose(sel, value string) chromedp.Action[chromedp.Void] {
	return chromedp.Steps(
		chromedp.SetValue(css(sel), value),
		js(fmt.Sprintf(`document.querySelector(%q).dispatchEvent(new Event('change', {bubbles: true}))`, sel)),
	)
}

// typeInto replaces a field's text the way a paste does: the browser inserts
// the text and fires the input event itself.
func typeInto(sel, text string) chromedp.Action[chromedp.Void] {
	return chromedp.Steps(
		chromedp.Focus(css(sel)),
		js(fmt.Sprintf(`document.querySelector(%q).select()`, sel)),
		chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
			_, err := cdp.Call(ctx, tg, input.InsertText, input.InsertTextParams{Text: text})
			return err
		}),
	)
}

// setDate fills a date input, which takes no inserted text.
func setDate(sel, date string) chromedp.Action[chromedp.Void] {
	return chromedp.Steps(
		chromedp.SetValue(css(sel), date),
		js(fmt.Sprintf(`document.querySelector(%q).dispatchEvent(new Event('input', {bubbles: true}))`, sel)),
	)
}

// evalAsync evaluates a promise-returning expression.
func evalAsync[T any](expr string) chromedp.Action[T] {
	return chromedp.Evaluate[T](expr, chromedp.EvalAwaitPromise)
}

// download clicks sel and returns the file the browser saved, and its name.
func download(t *testing.T, ctx context.Context, sel string) ([]byte, string) {
	t.Helper()
	dir := t.TempDir()
	ectx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	_, err := chromedp.CallBrowser(ectx, browser.SetDownloadBehavior, browser.SetDownloadBehaviorParams{
		Behavior: browser.SetDownloadBehaviorBehaviorAllowAndName, DownloadPath: dir, EventsEnabled: new(true)})
	if err != nil {
		t.Fatal(err)
	}
	// Subscribe before the click, so no event is missed.
	begun := chromedp.BrowserEvents(ectx, browser.DownloadWillBegin)
	progress := chromedp.BrowserEvents(ectx, browser.DownloadProgress)
	step(t, ctx, "click "+sel, 20*time.Second, chromedp.Click(css(sel)))
	var name string
	for ev, err := range begun {
		if err != nil {
			t.Fatalf("no download after clicking %s: %v\n%s", sel, err, pageState(ctx))
		}
		name = ev.SuggestedFilename
		break
	}
	for ev, err := range progress {
		if err != nil {
			t.Fatalf("download of %s did not complete: %v", name, err)
		}
		if ev.State == browser.DownloadProgressStateCompleted {
			data, err := os.ReadFile(filepath.Join(dir, ev.GUID))
			if err != nil {
				t.Fatal(err)
			}
			return data, name
		}
	}
	return nil, ""
}

// render asks the service for the PDF of doc.
func render(t *testing.T, api string, doc []byte) []byte {
	t.Helper()
	body, _ := post(t, api+"/v1/render", doc)
	return body
}

func pagesOf(t *testing.T, api string, doc []byte) int {
	t.Helper()
	_, h := post(t, api+"/v1/render", doc)
	n, err := strconv.Atoi(h.Get("X-Page-Count"))
	if err != nil {
		t.Fatalf("X-Page-Count %q", h.Get("X-Page-Count"))
	}
	return n
}

func post(t *testing.T, url string, doc []byte) ([]byte, http.Header) {
	t.Helper()
	client := &http.Client{Timeout: 30 * time.Second}
	resp, err := client.Post(url, "application/json", bytes.NewReader(doc))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("POST %s: %d %v: %s", url, resp.StatusCode, err, body)
	}
	return body, resp.Header
}

func mustJSON(t *testing.T, v any) []byte {
	t.Helper()
	data, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// mustJSONMap is a deep copy of a decoded document.
func mustJSONMap(t *testing.T, v map[string]any) map[string]any {
	t.Helper()
	var out map[string]any
	if err := json.Unmarshal(mustJSON(t, v), &out); err != nil {
		t.Fatal(err)
	}
	return out
}
