// Package metrics defines govmp's Prometheus metrics on a registry of its
// own, so several servers in one test process do not collide.
package metrics

import (
	"net/http"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// Metrics holds every collector govmp updates.
type Metrics struct {
	Registry        *prometheus.Registry
	Callbacks       *prometheus.CounterVec   // kind, outcome
	CallbackLatency prometheus.Histogram     // seconds
	WeChatCalls     *prometheus.CounterVec   // api, errcode
	TokenRefreshes  *prometheus.CounterVec   // result
	JobRuns         *prometheus.CounterVec   // job, result
	HTTPLatency     *prometheus.HistogramVec // route
}

// New registers the collectors.
func New() *Metrics {
	m := &Metrics{
		Registry: prometheus.NewRegistry(),
		Callbacks: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "govmp_callbacks_total", Help: "WeChat callbacks by message kind and outcome.",
		}, []string{"kind", "outcome"}),
		CallbackLatency: prometheus.NewHistogram(prometheus.HistogramOpts{
			Name: "govmp_callback_seconds", Help: "Time to answer a WeChat callback.",
			Buckets: []float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5},
		}),
		WeChatCalls: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "govmp_wechat_api_calls_total", Help: "WeChat API calls by API and error code (0 = ok).",
		}, []string{"api", "errcode"}),
		TokenRefreshes: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "govmp_wechat_token_refreshes_total", Help: "Access-token requests sent to WeChat.",
		}, []string{"result"}),
		JobRuns: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "govmp_job_runs_total", Help: "Background job runs by job and result.",
		}, []string{"job", "result"}),
		HTTPLatency: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "govmp_http_request_seconds", Help: "HTTP request latency by route.",
		}, []string{"route"}),
	}
	m.Registry.MustRegister(m.Callbacks, m.CallbackLatency, m.WeChatCalls, m.TokenRefreshes, m.JobRuns, m.HTTPLatency,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}

// Handler serves /metrics.
func (m *Metrics) Handler() http.Handler {
	return promhttp.HandlerFor(m.Registry, promhttp.HandlerOpts{})
}
