package server

import (
	"log/slog"
	"net/http"
	"strconv"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// maxOperationNames caps the operation-name label; clients choose names,
// so later newcomers are counted as "other".
const maxOperationNames = 200

// metrics is the server's own Prometheus registry (nothing global, so
// tests can build many servers).
type metrics struct {
	registry     *prometheus.Registry
	httpRequests *prometheus.CounterVec
	httpDuration *prometheus.HistogramVec
	gqlDuration  *prometheus.HistogramVec
	gqlErrors    *prometheus.CounterVec
	rateLimited  prometheus.Counter

	mu    sync.Mutex
	names map[string]bool
}

func newMetrics(pool poolStats) *metrics {
	m := &metrics{registry: prometheus.NewRegistry(), names: map[string]bool{}}
	m.httpRequests = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "vethub_http_requests_total", Help: "HTTP requests answered, by route and status.",
	}, []string{"route", "status"})
	m.httpDuration = prometheus.NewHistogramVec(prometheus.HistogramOpts{
		Name: "vethub_http_request_duration_seconds", Help: "HTTP request latency, by route and status.",
		Buckets: prometheus.DefBuckets,
	}, []string{"route", "status"})
	m.gqlDuration = prometheus.NewHistogramVec(prometheus.HistogramOpts{
		Name: "vethub_graphql_operation_duration_seconds", Help: "GraphQL operation latency, by operation name and type.",
		Buckets: prometheus.DefBuckets,
	}, []string{"operation", "type"})
	m.gqlErrors = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "vethub_graphql_errors_total", Help: "GraphQL errors returned, by extensions.code.",
	}, []string{"code"})
	m.rateLimited = prometheus.NewCounter(prometheus.CounterOpts{
		Name: "vethub_rate_limited_total", Help: "Requests refused because their token was over its rate limit.",
	})
	m.registry.MustRegister(
		collectors.NewGoCollector(),
		collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}),
		m.httpRequests, m.httpDuration, m.gqlDuration, m.gqlErrors, m.rateLimited,
		newPoolCollector(pool),
	)
	return m
}

func (m *metrics) handler(log *slog.Logger) http.Handler {
	return promhttp.HandlerFor(m.registry, promhttp.HandlerOpts{
		ErrorLog: slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	})
}

func (m *metrics) observeHTTP(route string, status int, elapsed time.Duration) {
	s := strconv.Itoa(status)
	m.httpRequests.WithLabelValues(route, s).Inc()
	m.httpDuration.WithLabelValues(route, s).Observe(elapsed.Seconds())
}

// operationLabel bounds the label's values: anonymous operations share one
// value, and names past the first maxOperationNames become "other".
func (m *metrics) operationLabel(name string) string {
	if name == "" {
		return "anonymous"
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.names[name] {
		return name
	}
	if len(m.names) >= maxOperationNames || len(name) > 100 {
		return "other"
	}
	m.names[name] = true
	return name
}
