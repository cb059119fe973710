package batch

import (
	"bufio"
	"context"
	"io"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"
)

// BenchmarkBatch runs one batch of b.N seed-sized replies end to end: decode,
// compose, number, queue, render, store, and the ZIP with its summary, read
// back to the end. It reports documents per second and the process's peak RSS.
//
// The 10,000-document run of the README:
//
//	go test ./internal/batch/ -run '^$' -bench BenchmarkBatch -benchtime 10000x -timeout 30m
func BenchmarkBatch(b *testing.B) {
	cfg := testConfig(b, b.TempDir())
	cfg.AckWait = 30 * time.Second
	if w, err := strconv.Atoi(os.Getenv("XX_WORKERS")); err == nil {
		cfg.Workers = w
	}
	e := openEngine(b, cfg)
	input := seedLines(b, b.N)
	ctx := context.Background()
	b.ResetTimer()
	start := time.Now()
	st, err := e.Create(ctx, Input{Data: input, Name: "bench.jsonl"})
	if err != nil {
		b.Fatal(err)
	}
	p := waitEnded(b, e, st.ID, 2*time.Hour)
	if p.State != Done || p.Rendered != b.N {
		b.Fatalf("batch ended %+v", p)
	}
	res, err := e.Result(ctx, st.ID)
	if err != nil {
		b.Fatal(err)
	}
	n, err := io.Copy(io.Discard, res)
	res.Close()
	if err != nil {
		b.Fatal(err)
	}
	elapsed := time.Since(start)
	b.StopTimer()
	b.ReportMetric(float64(b.N)/elapsed.Seconds(), "docs/s")
	b.ReportMetric(float64(n)/float64(b.N)/1024, "KB/doc")
	if hwm := peakRSS(); hwm > 0 {
		b.ReportMetric(float64(hwm)/(1<<20), "peakRSS-MB")
	}
}

// peakRSS is the process's peak resident set (VmHWM), in bytes; 0 where
// /proc is not there.
func peakRSS() int64 {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return 0
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(sc.Text(), "VmHWM:"); ok {
			kb, _ := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
			return kb << 10
		}
	}
	return 0
}
