package httpapi

import (
	"net/http"
	"strconv"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// metrics are the service's Prometheus series. Each Server has its own
// registry, so tests can boot several servers in one process.
type metrics struct {
	reg        *prometheus.Registry
	requests   *prometheus.CounterVec   // by method, route, status
	latency    *prometheus.HistogramVec // by method, route
	inFlight   prometheus.Gauge
	documents  *prometheus.CounterVec // by output: pdf, xlsx
	pages      prometheus.Counter
	renderTime *prometheus.HistogramVec // by output: time in a render slot
	queueWait  prometheus.Histogram
	rejections *prometheus.CounterVec // by reason (an error code)
}

// Buckets around the render times that matter: a seed reply takes tens of
// milliseconds, a long report with tables a few hundred.
var latencyBuckets = []float64{.005, .01, .025, .05, .075, .1, .15, .25, .5, 1, 2.5, 5, 10, 30}

func newMetrics(lim *limiter) *metrics {
	m := &metrics{
		reg: prometheus.NewRegistry(),
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "gongwen_http_requests_total", Help: "HTTP requests by method, route and status.",
		}, []string{"method", "route", "status"}),
		latency: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "gongwen_http_request_duration_seconds", Help: "HTTP request latency by method and route.",
			Buckets: latencyBuckets,
		}, []string{"method", "route"}),
		inFlight: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "gongwen_http_requests_in_flight", Help: "HTTP requests being served.",
		}),
		documents: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "gongwen_documents_rendered_total", Help: "Documents rendered, by output format.",
		}, []string{"output"}),
		pages: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "gongwen_pages_rendered_total", Help: "PDF pages rendered.",
		}),
		renderTime: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "gongwen_render_duration_seconds", Help: "Time a render holds a slot, by output format.",
			Buckets: latencyBuckets,
		}, []string{"output"}),
		queueWait: prometheus.NewHistogram(prometheus.HistogramOpts{
			Name: "gongwen_render_queue_wait_seconds", Help: "Time spent waiting for a render slot.",
			Buckets: latencyBuckets,
		}),
		rejections: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "gongwen_rejections_total",
			Help: "Requests refused before their work was done, by reason (queue full, timeout, not ready, too large …).",
		}, []string{"reason"}),
	}
	m.reg.MustRegister(m.requests, m.latency, m.inFlight, m.documents, m.pages, m.renderTime, m.queueWait, m.rejections,
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{
			Name: "gongwen_render_active", Help: "Renders running now.",
		}, func() float64 { return float64(lim.active()) }),
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{
			Name: "gongwen_render_queue_length", Help: "Requests waiting for a render slot.",
		}, func() float64 { return float64(lim.queued()) }),
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{
			Name: "gongwen_render_concurrency", Help: "Render slots (renders at once).",
		}, func() float64 { return float64(cap(lim.slots)) }),
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{
			Name: "gongwen_render_queue_capacity", Help: "Requests that may wait before 429.",
		}, func() float64 { return float64(lim.maxQueue) }),
		collectors.NewGoCollector(),
		collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}),
	)
	return m
}

// rejectionReasons are the error codes counted as rejections: the request was
// refused for the service's sake or the transport's, not for its document.
var rejectionReasons = map[string]bool{
	ETooManyRequests: true, ETimeout: true, ENotReady: true, ETooLarge: true,
	EUnsupportedMediaType: true, EUnauthorized: true,
}

func (m *metrics) rejected(code string) {
	if rejectionReasons[code] {
		m.rejections.WithLabelValues(code).Inc()
	}
}

func (m *metrics) observe(method, route string, status int, d time.Duration) {
	m.requests.WithLabelValues(method, route, strconv.Itoa(status)).Inc()
	m.latency.WithLabelValues(method, route).Observe(d.Seconds())
}

func (m *metrics) handler() http.Handler {
	return promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{})
}
