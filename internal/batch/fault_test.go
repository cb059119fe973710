package batch

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// kill stops an engine the way a crash would: its workers stop where they
// are, its connection drops without a drain, its embedded server (if any)
// stops without a goodbye. Nothing is acked or handed back.
func (e *Engine) kill() {
	e.stop()
	e.nc.Close()
	if e.emb != nil {
		e.emb.ns.Shutdown()
		e.emb.unlock()
		e.emb = nil
	}
}

// checkComplete asserts that the batch's ZIP holds each of n seed replies
// exactly once, numbered 28 … 27+n, and that its summary lists them all.
func checkComplete(t *testing.T, e *Engine, id string, n int) {
	t.Helper()
	p := waitEnded(t, e, id, 3*time.Minute)
	if p.State != Done || p.Rendered != n || p.Failed != 0 || p.Invalid != 0 {
		t.Fatalf("batch ended %+v", p)
	}
	a := readResult(t, e, id)
	pdfs := a.pdfs()
	if len(pdfs) != n {
		t.Fatalf("ZIP holds %d PDFs, want %d", len(pdfs), n)
	}
	seen := map[string]bool{}
	for _, name := range pdfs {
		seen[name] = true
		data := a.files[name]
		if !strings.HasPrefix(string(data), "%PDF-") || !strings.Contains(string(data[len(data)-32:]), "%%EOF") {
			t.Errorf("%s is not a whole PDF (%d bytes)", name, len(data))
		}
	}
	for i := range n {
		if name := fmt.Sprintf("株人社字〔2022〕%d号.pdf", 28+i); !seen[name] {
			t.Errorf("ZIP lacks %s", name)
		}
	}
	if len(a.summary) != n+1 {
		t.Fatalf("summary lists %d items, want %d", len(a.summary)-1, n)
	}
	for i, row := range a.summary[1:] {
		if row[8] != statusRendered || row[0] != strconv.Itoa(i+1) {
			t.Errorf("summary row %d: %v", i+1, row)
		}
	}
}

// TestKillAndRestart kills (SIGKILL) a gongwen process in the middle of a
// 2,000-document batch, restarts it on the same data directory, kills it
// again while it writes the ZIP, and restarts it once more: the batch
// finishes with every document exactly once.
func TestKillAndRestart(t *testing.T) {
	if testing.Short() {
		t.Skip("2,000 documents: not with -short")
	}
	renderer(t) // skip without fonts before starting processes
	const n = 2000
	dir := t.TempDir()
	input := filepath.Join(dir, "replies.jsonl")
	if err := os.WriteFile(input, seedLines(t, n), 0o644); err != nil {
		t.Fatal(err)
	}

	id, done := runUntil(t, dir, input, "", func(state State, done int) bool { return done >= n/3 })
	t.Logf("killed the first process at %d/%d", done, n)
	_, done2 := runUntil(t, dir, "", id, func(state State, done int) bool { return state == Assembling })
	if done2 < done {
		t.Errorf("after the restart the batch went back from %d to %d", done, done2)
	}
	t.Logf("killed the second process while it wrote the ZIP (%d/%d)", done2, n)

	e := openEngine(t, testConfig(t, dir))
	checkComplete(t, e, id, n)
}

// runUntil runs this test binary as a gongwen process (TestKillHelper) on dir —
// creating a batch from input, or following batch id — and kills it with
// SIGKILL as soon as stop says so. It returns the batch id and its progress then.
func runUntil(t *testing.T, dir, input, id string, stop func(State, int) bool) (string, int) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestKillHelper$", "-test.v")
	cmd.Env = append(os.Environ(), "GONGWEN_KILL_HELPER="+dir, "GONGWEN_KILL_INPUT="+input, "GONGWEN_KILL_BATCH="+id)
	cmd.Stderr = os.Stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	killed := false
	defer func() {
		if !killed {
			cmd.Process.Kill()
		}
		cmd.Wait()
	}()
	deadline := time.AfterFunc(3*time.Minute, func() { cmd.Process.Kill() })
	defer deadline.Stop()
	sc := bufio.NewScanner(out)
	for sc.Scan() {
		var state string
		var done int
		if _, err := fmt.Sscanf(sc.Text(), "batch %s %s %d", &id, &state, &done); err != nil {
			continue
		}
		if State(state).Ended() {
			t.Fatalf("the batch ended (%s) before the process could be killed", state)
		}
		if stop(State(state), done) {
			if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
				t.Fatal(err)
			}
			killed = true
			return id, done
		}
	}
	t.Fatalf("the helper process stopped before it was killed: %v", sc.Err())
	return "", 0
}

// TestKillHelper is the gongwen process TestKillAndRestart kills: it opens the
// engine on the data directory it is given, creates or follows a batch and
// prints its progress, one line each change, until it is killed.
func TestKillHelper(t *testing.T) {
	dir := os.Getenv("GONGWEN_KILL_HELPER")
	if dir == "" {
		t.Skip("run by TestKillAndRestart")
	}
	e := openEngine(t, testConfig(t, dir))
	ctx := context.Background()
	id := os.Getenv("GONGWEN_KILL_BATCH")
	if id == "" {
		data, err := os.ReadFile(os.Getenv("GONGWEN_KILL_INPUT"))
		if err != nil {
			t.Fatal(err)
		}
		st, err := e.Create(ctx, Input{Data: data, Name: "replies.jsonl"})
		if err != nil {
			t.Fatal(err)
		}
		id = st.ID
	}
	ch, err := e.Watch(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	for p := range ch {
		fmt.Printf("batch %s %s %d\n", id, p.State, p.Done)
	}
}

// TestCluster runs a batch on a 3-node NATS cluster on loopback with two
// gongwen instances, one killed mid-batch: the other finishes it alone.
func TestCluster(t *testing.T) {
	if testing.Short() {
		t.Skip("a 3-node cluster: not with -short")
	}
	renderer(t)
	urls := startCluster(t, 3)
	const n = 300
	cfg := func(url string) Config {
		c := testConfig(t, "")
		c.NATSURL, c.Replicas, c.Workers = url, 3, 1
		return c
	}
	a := openEngine(t, cfg(urls[0]))
	b := openEngine(t, cfg(urls[1]))
	st, err := a.Create(context.Background(), Input{Data: seedLines(t, n), Name: "replies.jsonl"})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	ch, err := a.Watch(ctx, st.ID)
	if err != nil {
		t.Fatal(err)
	}
	for p := range ch {
		if p.Done >= n/3 {
			break
		}
	}
	byB := b.rendered.Load()
	b.kill()
	t.Logf("killed instance B after it rendered %d documents (A: %d)", byB, a.rendered.Load())
	if byB == 0 {
		t.Error("instance B rendered nothing before it was killed: the work was not shared")
	}
	checkComplete(t, a, st.ID, n)
}
