package handlers

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"govmp/annualreport/gather"
	"govmp/config"
	"govmp/kv"
	"govmp/metrics"
	"govmp/stats"
	"govmp/store"
	"govmp/store/storetest"
	"govmp/wechat"
)

// newReportingServer is the real engine with the reporting routes wired.
func newReportingServer(t *testing.T, st *store.Store) *testServer {
	t.Helper()
	cfg := config.Default()
	cache := kv.NewMemory()
	src := stats.StoreSources(st)
	now := func() time.Time { return time.Date(2022, 1, 19, 10, 0, 0, 0, time.UTC) }
	srv := NewServer(Deps{Config: cfg, Store: st, KV: cache, WeChat: wechat.NewClient(cfg, cache, quiet),
		Metrics: metrics.New(), Log: quiet, Version: "test",
		Reporting: ReportingDeps{Metrics: &stats.Metrics{Src: src}, Reports: &gather.Reports{Src: src, Now: now}}})
	ts := &testServer{st: st}
	ts.Server = newHTTPTest(t, srv)
	return ts
}

func get(t *testing.T, url string) (int, string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

func TestRegistersReportsAndH5(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, st *store.Store) {
		s := newReportingServer(t, st)
		officer, viewer, admin := s.user(t, "officer", "officer"), s.user(t, "viewer", "viewer"), s.user(t, "admin", "admin")
		var bad ErrorBody
		if code := officer.do("POST", "/api/v1/registers/documents", map[string]any{"kind": "normative", "title": "文件", "issued_on": "2021-13-01"}, &bad); code != 400 || bad.Error.Field != "issued_on" {
			t.Fatalf("invalid date: %d %+v", code, bad)
		}
		doc := map[string]any{"kind": "normative", "title": "关于印发管理办法的通知", "issued_on": "2021-06-10"}
		if code := viewer.do("POST", "/api/v1/registers/documents", doc, nil); code != 403 {
			t.Fatalf("viewer wrote a register: %d", code)
		}
		if code := officer.do("POST", "/api/v1/registers/documents", doc, nil); code != 201 {
			t.Fatalf("create: %d", code)
		}
		if code := officer.do("PUT", "/api/v1/registers/cases/99", map[string]any{"kind": "review", "filed_on": "2021-01-01", "result": "pending"}, nil); code != 404 {
			t.Fatalf("missing case: %d", code)
		}
		var got struct {
			Report struct {
				Table2 struct {
					Normative struct {
						Issued  int64 `json:"issued"`
						InForce int64 `json:"in_force"`
					} `json:"normative"`
				} `json:"table2"`
			} `json:"report"`
			Cells map[string]string `json:"cells"`
			Final bool              `json:"final"`
		}
		if code := viewer.do("GET", "/api/v1/reports/2021", nil, &got); code != 200 || got.Report.Table2.Normative.InForce != 1 || got.Cells["table2.normative.issued"] != "1" {
			t.Fatalf("report: %d %+v", code, got)
		}
		draft := map[string]any{"sign_date": "2022-01-19", "prose": map[string]any{"other": "无其他需说明事项。"}}
		if code := officer.do("PUT", "/api/v1/reports/2021/draft", draft, nil); code != 200 {
			t.Fatalf("draft: %d", code)
		}
		if code := officer.do("POST", "/api/v1/reports/2021/final", nil, nil); code != 403 {
			t.Fatalf("officer finalised: %d", code)
		}
		if code := admin.do("POST", "/api/v1/reports/2021/final", nil, nil); code != 200 {
			t.Fatalf("final: %d", code)
		}
		if code := officer.do("PUT", "/api/v1/reports/2021/draft", draft, nil); code != 409 {
			t.Fatalf("edit after final: %d", code)
		}
		if code, body := get(t, s.URL+"/h5/reports"); code != 200 || !strings.Contains(body, `href="/h5/reports/2021"`) {
			t.Fatalf("h5 list: %d %s", code, body)
		}
		if code, body := get(t, s.URL+"/h5/reports/2021"); code != 200 || !strings.Contains(body, "行政规范性文件") {
			t.Fatalf("h5 report: %d", code)
		}
		if code, _ := get(t, s.URL+"/h5/reports/2022"); code != 404 {
			t.Fatalf("unpublished year: %d", code)
		}
		var diff struct {
			Differences []gather.CellDiff `json:"differences"`
		}
		if code := viewer.do("GET", "/api/v1/reports/2021/diff", nil, &diff); code != 200 || len(diff.Differences) != 0 {
			t.Fatalf("diff: %d %+v", code, diff)
		}
	})
}

func TestMetricsCSVAndValidation(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, st *store.Store) {
		s := newReportingServer(t, st)
		viewer := s.user(t, "viewer", "viewer")
		var bad ErrorBody
		if code := viewer.do("GET", "/api/v1/metrics/subscribers?from=2021-01-01&to=2021-12-31&granularity=week", nil, &bad); code != 400 || bad.Error.Field != "granularity" {
			t.Fatalf("granularity: %d %+v", code, bad)
		}
		if code := viewer.do("GET", "/api/v1/metrics/followers", nil, &bad); code != 400 || bad.Error.Field != "metric" {
			t.Fatalf("metric: %d %+v", code, bad)
		}
		var series stats.Series
		if code := viewer.do("GET", "/api/v1/metrics/views?from=2021-01-01&to=2021-12-31&granularity=month", nil, &series); code != 200 || len(series.Points) != 12 {
			t.Fatalf("views: %d %+v", code, series)
		}
		if f := series.Total.Figures["views"]; f.Source != stats.SourceLocal || f.Local == nil {
			t.Fatalf("views total: %+v", f)
		}
		req, _ := http.NewRequest("GET", s.URL+"/api/v1/metrics/articles?from=2021-01-01&to=2021-12-31&granularity=year&format=csv", nil)
		resp, err := viewer.http.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 || !strings.HasPrefix(string(body), "period,articles,articles_source,articles_datacube,articles_local,articles_difference\n2021,0,local,,0,\n") {
			t.Fatalf("csv: %d %q", resp.StatusCode, body)
		}
	})
}

func newHTTPTest(t *testing.T, h http.Handler) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv
}
