package main

import (
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"regexp"
	"sort"
	"strings"
	"testing"

	"govmp/config"
	"govmp/handlers"
)

// TestOpenAPIListsEveryRoute keeps the served OpenAPI document honest: every
// /api/v1 route of a fully wired server is described, and nothing else is.
func TestOpenAPIListsEveryRoute(t *testing.T) {
	b := backends(t)[0]
	env := testEnv(b, nil)
	cfg, err := config.Load(env)
	if err != nil {
		t.Fatal(err)
	}
	a, err := newApp(&environment{getenv: env, cfg: cfg, stdout: io.Discard, stderr: io.Discard,
		log: slog.New(slog.NewTextHandler(io.Discard, nil))}, true)
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	routes := handlers.NewServer(a.deps).Routes()

	base := startServer(t, env)
	resp, err := http.Get(base + "/api/openapi.json")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var doc struct {
		Paths map[string]map[string]json.RawMessage `json:"paths"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&doc); err != nil {
		t.Fatal(err)
	}
	param := regexp.MustCompile(`:(\w+)`)
	served := map[string]bool{}
	var missing, extra []string
	for _, r := range routes {
		path, ok := strings.CutPrefix(r.Path, "/api/v1")
		if !ok {
			continue
		}
		path = param.ReplaceAllString(path, "{$1}")
		served[strings.ToLower(r.Method)+" "+path] = true
		if _, ok := doc.Paths[path][strings.ToLower(r.Method)]; !ok {
			missing = append(missing, r.Method+" "+path)
		}
	}
	for path, ops := range doc.Paths {
		for method := range ops {
			if !served[method+" "+path] {
				extra = append(extra, method+" "+path)
			}
		}
	}
	sort.Strings(missing)
	sort.Strings(extra)
	if len(missing)+len(extra) > 0 {
		t.Fatalf("OpenAPI document out of date:\nundocumented:\n  %s\ndocumented but not served:\n  %s", strings.Join(missing, "\n  "), strings.Join(extra, "\n  "))
	}
}
