package httpapi

import (
	"bytes"
	"io"
	"net/http"
	"testing"
)

// BenchmarkRenderHTTP renders the seed reply through the whole service, on
// loopback, from parallel clients: against BenchmarkRenderSeed in
// internal/render it shows what HTTP, decoding and queueing add.
func BenchmarkRenderHTTP(b *testing.B) {
	needFontsOrSkip(b)
	ts := boot(b, Config{})
	seed := readFile(b, "fenban-1234.json")
	b.ReportAllocs()
	b.SetParallelism(4) // 4 × GOMAXPROCS clients: the queue stays busy
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			resp, err := client.Post(ts.url+"/v1/render", "application/json", bytes.NewReader(seed))
			if err != nil {
				b.Error(err)
				return
			}
			_, _ = io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			if resp.StatusCode != http.StatusOK {
				b.Errorf("status %d", resp.StatusCode)
				return
			}
		}
	})
}
