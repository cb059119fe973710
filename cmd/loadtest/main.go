// Command loadtest drives the gongwen HTTP service on loopback for a bounded
// time and reports what a capacity plan needs: throughput, latency
// percentiles, errors by status, and the server's resident memory.
//
//	go run ./cmd/loadtest                                  # boots the service in-process
//	go run ./cmd/loadtest --url http://127.0.0.1:8080 --pid $(pgrep -nx gongwen)
//
// Each level of --clients runs for --duration, every client posting the
// document (the seed reply by default) to /v1/render as fast as it is
// answered. --soak then sends that many more requests at --soak-clients,
// sampling RSS as it goes, to show whether memory stays flat.
package main

import (
	"bufio"
	"bytes"
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"maps"
	"net/http"
	"os"
	"os/signal"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"gongwen/internal/httpapi"
)

type options struct {
	url, doc, token, clients, fonts string
	pid, soak, soakClients          int
	concurrency, queue              int
	duration, maxTime               time.Duration
}

func main() {
	var o options
	flag.StringVar(&o.url, "url", "", "base URL of a running service (loopback); empty boots one in-process")
	flag.IntVar(&o.pid, "pid", 0, "the server's process id, for its RSS (default: this process when in-process)")
	flag.StringVar(&o.doc, "doc", "testdata/fenban-1234.json", "the document to render")
	flag.StringVar(&o.token, "token", os.Getenv("GONGWEN_TOKEN"), "bearer token, if the service wants one")
	flag.StringVar(&o.clients, "clients", "1,8,32", "concurrent clients of each level")
	flag.DurationVar(&o.duration, "duration", 10*time.Second, "how long each level runs")
	flag.IntVar(&o.soak, "soak", 10000, "requests of the memory soak after the levels (0: none)")
	flag.IntVar(&o.soakClients, "soak-clients", 8, "concurrent clients of the soak")
	flag.DurationVar(&o.maxTime, "max-time", 10*time.Minute, "stop everything after this long")
	flag.IntVar(&o.concurrency, "concurrency", 0, "in-process service: render slots (default GOMAXPROCS)")
	flag.IntVar(&o.queue, "queue", 0, "in-process service: queue length (default 64)")
	flag.StringVar(&o.fonts, "fonts", "fonts", "in-process service: user fonts directory")
	flag.Parse()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	ctx, cancel := context.WithTimeout(ctx, o.maxTime)
	defer cancel()
	if err := run(ctx, o, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "loadtest:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, o options, w io.Writer) error {
	body, err := os.ReadFile(o.doc)
	if err != nil {
		return err
	}
	levels, err := parseLevels(o.clients)
	if err != nil {
		return err
	}
	if o.url == "" {
		m := httpapi.NewMain(httpapi.Config{
			Addr: "127.0.0.1:0", FontDir: o.fonts, Concurrency: o.concurrency, QueueLength: o.queue,
			Logger: slog.New(slog.NewJSONHandler(io.Discard, nil)), // formatted as in production, then dropped
		})
		if err := m.Run(ctx); err != nil {
			return err
		}
		defer m.Close()
		<-m.FontsLoaded()
		o.url = "http://" + m.Addr()
		if o.pid == 0 {
			o.pid = os.Getpid()
		}
		fmt.Fprintf(w, "in-process service on %s (the load generator shares its CPUs)\n", o.url)
	}
	d := &driver{url: strings.TrimSuffix(o.url, "/") + "/v1/render", body: body, token: o.token,
		client: &http.Client{Timeout: time.Minute, Transport: &http.Transport{
			MaxIdleConnsPerHost: 256, DisableCompression: true,
		}}}
	if err := d.ready(ctx, strings.TrimSuffix(o.url, "/")+"/readyz"); err != nil {
		return err
	}
	// Warm up: first renders parse fallback fonts and grow pools.
	d.run(ctx, 2, 0, 40, 0, nil)

	fmt.Fprintf(w, "document %s (%d bytes), %s per level, %d CPUs\n\n", o.doc, len(body), o.duration, runtime.NumCPU())
	fmt.Fprintln(w, "| clients | requests | errors | renders/s | p50 ms | p90 ms | p99 ms | max ms | RSS MB |")
	fmt.Fprintln(w, "|--:|--:|--:|--:|--:|--:|--:|--:|--:|")
	for _, n := range levels {
		if ctx.Err() != nil {
			break
		}
		res := d.run(ctx, n, o.duration, 0, 0, nil)
		fmt.Fprintf(w, "| %d | %s |\n", n, res.row(rssMB(o.pid)))
		res.errorLines(w)
	}
	if o.soak > 0 && ctx.Err() == nil {
		fmt.Fprintf(w, "\nsoak: %d requests at %d clients, RSS every %d\n", o.soak, o.soakClients, o.soak/10)
		before := rssMB(o.pid)
		var samples []string
		res := d.run(ctx, o.soakClients, 0, o.soak, max(o.soak/10, 1), func() { samples = append(samples, rssMB(o.pid)) })
		fmt.Fprintf(w, "RSS MB: %s → %s (samples: %s); peak %s\n", before, rssMB(o.pid), strings.Join(samples, " "), peakMB(o.pid))
		fmt.Fprintf(w, "| %d | %s |\n", o.soakClients, res.row(rssMB(o.pid)))
		res.errorLines(w)
	}
	return ctx.Err()
}

func parseLevels(s string) ([]int, error) {
	var out []int
	for f := range strings.SplitSeq(s, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || n < 1 {
			return nil, fmt.Errorf("--clients %q: want positive numbers separated by commas", s)
		}
		out = append(out, n)
	}
	return out, nil
}

type driver struct {
	url, token string
	body       []byte
	client     *http.Client
}

// ready waits up to 30 s for the service's readiness.
func (d *driver) ready(ctx context.Context, url string) error {
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	for {
		req, _ := http.NewRequestWithContext(ctx, "GET", url, nil)
		if resp, err := d.client.Do(req); err == nil {
			resp.Body.Close()
			if resp.StatusCode == 200 {
				return nil
			}
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("%s not ready: %w", url, ctx.Err())
		case <-time.After(200 * time.Millisecond):
		}
	}
}

type result struct {
	lat     []time.Duration
	errs    map[string]int
	elapsed time.Duration
}

// run drives n clients for dur, or until count requests were sent when
// count > 0; with observe, it calls it after every `every` requests.
func (d *driver) run(ctx context.Context, n int, dur time.Duration, count, every int, observe func()) result {
	if dur > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, dur)
		defer cancel()
	}
	var sent atomic.Int64
	var mu sync.Mutex
	res := result{errs: map[string]int{}}
	start := time.Now()
	var wg sync.WaitGroup
	for range n {
		wg.Go(func() {
			var lat []time.Duration
			errs := map[string]int{}
			for ctx.Err() == nil {
				i := sent.Add(1)
				if count > 0 && i > int64(count) {
					break
				}
				t0 := time.Now()
				if err := d.post(ctx); err != nil {
					if ctx.Err() != nil {
						break // the level ended mid-request: not the server's error
					}
					errs[err.Error()]++
				} else {
					lat = append(lat, time.Since(t0))
				}
				if observe != nil && every > 0 && i%int64(every) == 0 {
					mu.Lock()
					observe()
					mu.Unlock()
				}
			}
			mu.Lock()
			res.lat = append(res.lat, lat...)
			for k, v := range errs {
				res.errs[k] += v
			}
			mu.Unlock()
		})
	}
	wg.Wait()
	res.elapsed = time.Since(start)
	return res
}

// post renders the document once, reading the whole PDF.
func (d *driver) post(ctx context.Context) error {
	req, err := http.NewRequestWithContext(ctx, "POST", d.url, bytes.NewReader(d.body))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	if d.token != "" {
		req.Header.Set("Authorization", "Bearer "+d.token)
	}
	resp, err := d.client.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	n, err := io.Copy(io.Discard, resp.Body)
	if err != nil {
		return err
	}
	if resp.StatusCode != 200 {
		return fmt.Errorf("HTTP %d", resp.StatusCode)
	}
	if n < 1000 || resp.Header.Get("Content-Type") != "application/pdf" {
		return fmt.Errorf("not a PDF (%d bytes, %s)", n, resp.Header.Get("Content-Type"))
	}
	return nil
}

func (r result) row(rss string) string {
	slices.Sort(r.lat)
	nerr := 0
	for _, v := range r.errs {
		nerr += v
	}
	ms := func(q float64) string {
		if len(r.lat) == 0 {
			return "-"
		}
		i := min(int(q*float64(len(r.lat))), len(r.lat)-1)
		return fmt.Sprintf("%.1f", float64(r.lat[i].Microseconds())/1000)
	}
	rate := float64(len(r.lat)) / r.elapsed.Seconds()
	return fmt.Sprintf("%d | %d | %.1f | %s | %s | %s | %s | %s",
		len(r.lat)+nerr, nerr, rate, ms(.50), ms(.90), ms(.99), ms(1), rss)
}

func (r result) errorLines(w io.Writer) {
	for _, k := range slices.Sorted(maps.Keys(r.errs)) {
		fmt.Fprintf(w, "    errors: %d × %s\n", r.errs[k], k)
	}
}

// rssMB and peakMB read VmRSS and VmHWM of pid from /proc ("-" without one).
func rssMB(pid int) string  { return procStatus(pid, "VmRSS:") }
func peakMB(pid int) string { return procStatus(pid, "VmHWM:") }

func procStatus(pid int, field string) string {
	if pid == 0 {
		return "-"
	}
	f, err := os.Open(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return "-"
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(sc.Text(), field); ok {
			kb, err := strconv.Atoi(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "kB")))
			if err == nil {
				return fmt.Sprintf("%.0f", float64(kb)/1024)
			}
		}
	}
	return "-"
}
