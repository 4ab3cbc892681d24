package server

import (
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/prometheus/client_golang/prometheus"
)

// poolStats is what the pool collector reads; *pgxpool.Pool has it.
type poolStats interface {
	Stat() *pgxpool.Stat
}

// poolCollector reports pgxpool's statistics at scrape time.
type poolCollector struct {
	pool  poolStats
	descs map[string]*prometheus.Desc
}

func newPoolCollector(pool poolStats) *poolCollector {
	d := func(name, help string) *prometheus.Desc {
		return prometheus.NewDesc("vethub_db_pool_"+name, help, nil, nil)
	}
	return &poolCollector{pool: pool, descs: map[string]*prometheus.Desc{
		"total":    d("total_conns", "Connections open in the pool."),
		"idle":     d("idle_conns", "Idle connections in the pool."),
		"acquired": d("acquired_conns", "Connections in use."),
		"max":      d("max_conns", "Largest size the pool may reach."),
		"acquires": d("acquires_total", "Connections acquired from the pool."),
		"empty":    d("empty_acquires_total", "Acquires that had to wait for a connection."),
		"canceled": d("canceled_acquires_total", "Acquires canceled by their context."),
		"wait":     d("acquire_wait_seconds_total", "Time spent waiting to acquire connections."),
	}}
}

// Describe sends every descriptor.
func (c *poolCollector) Describe(ch chan<- *prometheus.Desc) {
	for _, d := range c.descs {
		ch <- d
	}
}

// Collect reads one Stat snapshot.
func (c *poolCollector) Collect(ch chan<- prometheus.Metric) {
	s := c.pool.Stat()
	gauge := func(key string, v float64) {
		ch <- prometheus.MustNewConstMetric(c.descs[key], prometheus.GaugeValue, v)
	}
	counter := func(key string, v float64) {
		ch <- prometheus.MustNewConstMetric(c.descs[key], prometheus.CounterValue, v)
	}
	gauge("total", float64(s.TotalConns()))
	gauge("idle", float64(s.IdleConns()))
	gauge("acquired", float64(s.AcquiredConns()))
	gauge("max", float64(s.MaxConns()))
	counter("acquires", float64(s.AcquireCount()))
	counter("empty", float64(s.EmptyAcquireCount()))
	counter("canceled", float64(s.CanceledAcquireCount()))
	counter("wait", s.AcquireDuration().Seconds())
}
