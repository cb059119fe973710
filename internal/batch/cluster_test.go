package batch

import (
	"context"
	"fmt"
	"net"
	"net/url"
	"path/filepath"
	"testing"
	"time"

	"github.com/nats-io/nats-server/v2/server"
	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
)

// startCluster starts n NATS servers with JetStream, clustered over loopback
// routes on ports the system picks, and returns their client URLs once
// JetStream has a leader. They are shut down when the test ends.
func startCluster(t *testing.T, n int) []string {
	t.Helper()
	dir := t.TempDir()
	// JetStream's cluster wants its routes configured from the start, so the
	// route ports are chosen first.
	ports := make([]int, n)
	routes := make([]*url.URL, n)
	for i := range ports {
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		ports[i] = ln.Addr().(*net.TCPAddr).Port
		ln.Close()
		routes[i] = &url.URL{Scheme: "nats", Host: fmt.Sprintf("127.0.0.1:%d", ports[i])}
	}
	var servers []*server.Server
	for i := range n {
		opts := &server.Options{
			ServerName:         fmt.Sprintf("n%d", i+1),
			Host:               "127.0.0.1",
			Port:               -1,
			JetStream:          true,
			StoreDir:           filepath.Join(dir, fmt.Sprintf("n%d", i+1)),
			SyncAlways:         true,
			NoSigs:             true,
			NoLog:              true,
			Cluster:            server.ClusterOpts{Name: "gongwen-test", Host: "127.0.0.1", Port: ports[i]},
			Routes:             routes,
			JetStreamMaxMemory: 64 << 20,
			JetStreamMaxStore:  4 << 30,
		}
		s, err := server.NewServer(opts)
		if err != nil {
			t.Fatal(err)
		}
		s.Start()
		t.Cleanup(s.Shutdown)
		if !s.ReadyForConnections(10 * time.Second) {
			t.Fatalf("server n%d did not start", i+1)
		}
		servers = append(servers, s)
	}
	urls := make([]string, n)
	for i, s := range servers {
		urls[i] = s.ClientURL()
	}
	// JetStream answers once the servers have met and elected a meta leader.
	nc, err := nats.Connect(urls[0])
	if err != nil {
		t.Fatal(err)
	}
	defer nc.Close()
	js, _ := jetstream.New(nc)
	deadline := time.Now().Add(30 * time.Second)
	for {
		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		_, err := js.AccountInfo(ctx)
		cancel()
		if err == nil && servers[0].NumRoutes() >= n-1 {
			return urls
		}
		if time.Now().After(deadline) {
			t.Fatalf("the cluster did not form: %v (routes %d)", err, servers[0].NumRoutes())
		}
		time.Sleep(200 * time.Millisecond)
	}
}
