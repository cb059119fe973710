package batch

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/nats-io/nats.go/jetstream"
)

// TestRedelivery: a task handled twice (its ack lost) and a task whose worker
// stored the PDF but died before counting it each produce one PDF, rendered
// once.
func TestRedelivery(t *testing.T) {
	cfg := testConfig(t, t.TempDir())
	cfg.Workers = -1 // the test plays the worker
	e := openEngine(t, cfg)
	ctx := context.Background()
	st, err := e.Create(ctx, Input{Data: seedLines(t, 3)})
	if err != nil {
		t.Fatal(err)
	}
	batch, err := e.cons.Fetch(3, jetstream.FetchMaxWait(5*time.Second))
	if err != nil {
		t.Fatal(err)
	}
	var msgs []jetstream.Msg
	for m := range batch.Messages() {
		msgs = append(msgs, m)
	}
	if len(msgs) != 3 {
		t.Fatalf("fetched %d tasks, want 3", len(msgs))
	}

	// The first is handled twice, as when its ack is lost.
	for range 2 {
		if err := e.renderTask(ctx, msgs[0]); err != nil {
			t.Fatal(err)
		}
	}
	// The second: the PDF is stored, then the worker dies; NATS hands it out again.
	var tk task
	if err := json.Unmarshal(msgs[1].Data(), &tk); err != nil {
		t.Fatal(err)
	}
	if failed, err := e.produce(ctx, tk, msgs[1]); err != nil || failed {
		t.Fatalf("produce: %v, failed %v", err, failed)
	}
	if err := msgs[1].Nak(); err != nil {
		t.Fatal(err)
	}
	if got := e.rendered.Load(); got != 2 {
		t.Fatalf("rendered %d documents so far, want 2", got)
	}
	rec, _, err := e.getRecord(ctx, st.ID)
	if err != nil {
		t.Fatal(err)
	}
	if rec.Rendered != 1 {
		t.Fatalf("record counts %d rendered, want 1", rec.Rendered)
	}

	// Now real workers: they get the second (redelivered at once), and the
	// first and third when AckWait has passed.
	wctx, stop := context.WithCancel(ctx)
	t.Cleanup(stop)
	if err := e.startWorkers(wctx, 1); err != nil {
		t.Fatal(err)
	}
	checkComplete(t, e, st.ID, 3)
	if got := e.rendered.Load(); got != 3 {
		t.Errorf("rendered %d documents in all, want 3: a redelivered task rendered again", got)
	}
}

// TestCancel: a cancelled batch renders no more, keeps no tasks or PDFs, and
// has no result.
func TestCancel(t *testing.T) {
	cfg := testConfig(t, t.TempDir())
	cfg.Workers = 1
	e := openEngine(t, cfg)
	ctx := context.Background()
	st, err := e.Create(ctx, Input{Data: seedLines(t, 200)})
	if err != nil {
		t.Fatal(err)
	}
	ch, err := e.Watch(ctx, st.ID)
	if err != nil {
		t.Fatal(err)
	}
	for p := range ch {
		if p.Done >= 3 {
			break
		}
	}
	got, err := e.Cancel(ctx, st.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.State != Cancelled {
		t.Fatalf("state %s after cancel", got.State)
	}
	if _, err := e.Result(ctx, st.ID); ErrorCode(err) != ENoResult {
		t.Errorf("result of a cancelled batch: %v, want %s", err, ENoResult)
	}
	if _, err := e.Cancel(ctx, st.ID); ErrorCode(err) != EFinished {
		t.Errorf("second cancel: %v, want %s", err, EFinished)
	}
	time.Sleep(500 * time.Millisecond) // the render in hand, if any, finishes
	before := e.rendered.Load()
	time.Sleep(time.Second)
	if after := e.rendered.Load(); after != before {
		t.Errorf("rendering went on after cancel: %d → %d", before, after)
	}
	stream, err := e.js.Stream(ctx, taskStream)
	if err != nil {
		t.Fatal(err)
	}
	if info, err := stream.Info(ctx); err != nil || info.State.Msgs != 0 {
		t.Errorf("tasks left in the queue: %v %v", info.State.Msgs, err)
	}
	if _, err := e.js.ObjectStore(ctx, pdfBucketPre+st.ID); !errors.Is(err, jetstream.ErrBucketNotFound) {
		t.Errorf("the PDF bucket of a cancelled batch: %v, want it deleted", err)
	}
	if _, err := e.Status(ctx, "20220705-000000000000"); ErrorCode(err) != ENotFound {
		t.Errorf("status of an unknown batch: %v", err)
	}
	if _, err := e.Status(ctx, "../etc"); ErrorCode(err) != ENotFound {
		t.Errorf("status of a malformed id: %v", err)
	}
}

// TestRenderFailure: a document the fonts cannot set fails alone, named in
// the status and the summary; the others render.
func TestRenderFailure(t *testing.T) {
	e := openEngine(t, testConfig(t, t.TempDir()))
	ctx := context.Background()
	doc := seed(t)
	good, _ := json.Marshal(doc)
	doc["body"].([]any)[1].(map[string]any)["text"] = "测试ꙮ字符"
	bad, _ := json.Marshal(doc)
	st, err := e.Create(ctx, Input{Data: []byte(string(good) + "\n" + string(bad) + "\n" + string(good)), Format: FormatJSONL})
	if err != nil {
		t.Fatal(err)
	}
	if p := waitEnded(t, e, st.ID, time.Minute); p.State != Done || p.Rendered != 2 || p.Failed != 1 {
		t.Fatalf("batch ended %+v", p)
	}
	st, err = e.Status(ctx, st.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(st.Errors) != 1 || st.Errors[0].Row != 2 || !strings.HasPrefix(st.Errors[0].Field, "body[") ||
		!strings.Contains(st.Errors[0].Message, "U+A66E") {
		t.Fatalf("errors %+v", st.Errors)
	}
	a := readResult(t, e, st.ID)
	if len(a.pdfs()) != 2 {
		t.Errorf("PDFs %v", a.pdfs())
	}
	if row := a.summary[2]; row[8] != statusFailed || !strings.Contains(row[9], "U+A66E") || len(row) > 10 && row[10] != "" {
		t.Errorf("summary of the failed item: %v", row)
	}
	// A failed item keeps its number: the register has moved on.
	if a.summary[2][1] != "株人社字〔2022〕29号" || a.summary[3][1] != "株人社字〔2022〕30号" {
		t.Errorf("numbers %s, %s", a.summary[2][1], a.summary[3][1])
	}
}

// TestRegister: two batches take consecutive numbers from one register.
func TestRegister(t *testing.T) {
	e := openEngine(t, testConfig(t, t.TempDir()))
	ctx := context.Background()
	var ids []string
	for range 2 {
		st, err := e.Create(ctx, Input{Data: seedLines(t, 2)})
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, st.ID)
	}
	var names []string
	for _, id := range ids {
		waitEnded(t, e, id, time.Minute)
		names = append(names, readResult(t, e, id).pdfs()...)
	}
	want := "株人社字〔2022〕28号.pdf 株人社字〔2022〕29号.pdf 株人社字〔2022〕30号.pdf 株人社字〔2022〕31号.pdf"
	if got := strings.Join(names, " "); got != want {
		t.Errorf("got %s, want %s", got, want)
	}
	st, err := e.Create(ctx, Input{Data: seedLines(t, 1), Options: Options{NoNumbering: true}})
	if err != nil {
		t.Fatal(err)
	}
	waitEnded(t, e, st.ID, time.Minute)
	if got := readResult(t, e, st.ID).pdfs(); len(got) != 1 || got[0] != "对市十六届人大一次会议第1000号建议的分办意见.pdf" {
		t.Errorf("unnumbered: %v", got)
	}
}
