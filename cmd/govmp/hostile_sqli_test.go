package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"govmp/models"
	"govmp/store"
)

// sqlPayloads are classic injection attempts, plus a reflected-markup one:
// every filter must answer them with a clear 400 or an ordinary (here
// empty) result, never a 500, and change nothing.
var sqlPayloads = []string{
	`' OR '1'='1`,
	`' OR 1=1 --`,
	`1; DROP TABLE articles;--`,
	`1'; DELETE FROM users; --`,
	`%' UNION SELECT username, password_hash FROM users --`,
	`1) OR (1=1`,
	"’ OR ‘1’=‘1",     // unicode quotes
	"＇ OR ＇1＇＝＇1",     // full-width quotes
	`\' OR 1=1 -- \`,  // escaped quote
	"0x27 OR 1=1\x00", // NUL byte
	`" OR ""="`,       // double quotes
	`admin'/*`,        // comment opener
	`1 AND SLEEP(3)`,  // time-based probe
	`"><script>alert(1)</script>`,
}

// tableCounts counts the rows of the tables an injection would aim at.
func tableCounts(t *testing.T, st *store.Store) map[string]int64 {
	t.Helper()
	out := map[string]int64{}
	for name, m := range map[string]any{
		"articles": &models.Article{}, "article_columns": &models.ArticleColumn{}, "columns": &models.Column{},
		"categories": &models.Category{}, "users": &models.User{}, "audit": &models.AuditEntry{},
		"disclosure_requests": &models.DisclosureRequest{}, "keyword_rules": &models.KeywordRule{},
		"settings": &models.Setting{}, "publications": &models.PublishRecord{}, "register_documents": &models.RegisterDocument{},
		"register_cases": &models.RegisterCase{}, "report_drafts": &models.AnnualReportDraft{},
	} {
		var n int64
		if err := st.DB.Model(m).Count(&n).Error; err != nil {
			t.Fatalf("count %s: %v", name, err)
		}
		out[name] = n
	}
	return out
}

// hostileGet fetches path with the user's session and returns the status and body.
func hostileGet(t *testing.T, u *apiUser, path string, header http.Header) (int, string) {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, u.base+path, nil)
	if err != nil {
		t.Fatalf("GET %s: %v", path, err)
	}
	for k, v := range header {
		req.Header[k] = v
	}
	resp, err := u.http.Do(req)
	if err != nil {
		t.Fatalf("GET %s: %v", path, err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// TestSQLInjectionOnEveryFilter sends the payloads through every filter and
// query parameter of the /api/v1 lists and searches, the console list
// pages, the H5 pages and the chat searches, on SQLite and MariaDB.
func TestSQLInjectionOnEveryFilter(t *testing.T) {
	for _, b := range backends(t) {
		t.Run(b.name, func(t *testing.T) {
			env := testEnv(b, map[string]string{"GOVMP_DATA_KEY": e2eDataKey, "GOVMP_SEARCH_RATE_LIMIT": "0"})
			base := startServer(t, env)
			st := openStore(t, b.dsn)
			admin := signIn(t, st, base, "sqliadmin", "admin")
			editor := signIn(t, st, base, "sqlieditor", "editor")
			officer := signIn(t, st, base, "sqliofficer", "officer")
			write(t, editor, "乡村振兴衔接资金公告", "<p>正文</p>", "")
			before := tableCounts(t, st)
			if before["articles"] == 0 || before["audit"] == 0 || before["users"] < 3 {
				t.Fatalf("seed missing: %v", before)
			}
			// A per-run address keeps the lookup limit of a shared Redis
			// from carrying over between runs (loopback is a trusted proxy).
			xff := http.Header{"X-Forwarded-For": {fmt.Sprintf("2001:db8::%x", time.Now().UnixNano()&0xffff)}}
			year := strconv.Itoa(time.Now().Year() - 1)

			type probe struct {
				u     *apiUser
				path  string // %s is replaced by the escaped payload
				empty string // JSON list that must be empty on a 200 ("" = not checked)
			}
			q := func(u *apiUser, path, empty string) probe { return probe{u, path, empty} }
			probes := []probe{
				q(editor, "/api/v1/articles?state=%s", "articles"),
				q(editor, "/api/v1/articles?column_id=%s", ""), q(editor, "/api/v1/articles?category_id=%s", ""),
				q(editor, "/api/v1/articles?author_id=%s", ""), q(editor, "/api/v1/articles?limit=%s&offset=%s", ""),
				q(editor, "/api/v1/articles/%s", ""), q(editor, "/api/v1/articles/%s/history", ""),
				q(editor, "/api/v1/publications?status=%s", "publications"), q(editor, "/api/v1/publications?limit=%s", ""),
				q(editor, "/api/v1/oversight?from=%s", ""), q(editor, "/api/v1/oversight?to=%s", ""),
				q(editor, "/api/v1/views?from=%s&to=%s", ""), q(editor, "/api/v1/content/stats?from=%s", ""),
				q(officer, "/api/v1/disclosure/requests?state=%s", "requests"), q(officer, "/api/v1/disclosure/requests?open=%s", ""),
				q(officer, "/api/v1/disclosure/requests?limit=%s&offset=%s", ""), q(officer, "/api/v1/disclosure/requests/%s", ""),
				q(officer, "/api/v1/disclosure/export.csv?state=%s", ""), q(officer, "/api/v1/disclosure/calendar?year=%s", ""),
				q(admin, "/api/v1/metrics/%s", ""), q(admin, "/api/v1/metrics/views?from=%s", ""), q(admin, "/api/v1/metrics/views?to=%s", ""),
				q(admin, "/api/v1/metrics/views?granularity=%s", ""), q(admin, "/api/v1/metrics/articles?column_id=%s", ""),
				q(admin, "/api/v1/metrics/articles?category_id=%s", ""), q(admin, "/api/v1/metrics/menu-clicks?key=%s", ""),
				q(admin, "/api/v1/metrics/views?format=%s", ""),
				q(admin, "/api/v1/audit?actor=%s", "entries"), q(admin, "/api/v1/audit?action=%s", "entries"), q(admin, "/api/v1/audit?limit=%s", ""),
				q(admin, "/api/v1/followers?subscribed=%s", ""), q(admin, "/api/v1/followers?limit=%s&offset=%s", ""),
				q(admin, "/api/v1/followers/stats?from=%s", ""), q(admin, "/api/v1/followers/stats?to=%s", ""),
				q(admin, "/api/v1/interactions/menu-clicks?from=%s&to=%s", ""),
				q(admin, "/api/v1/registers/%s", ""), q(admin, "/api/v1/registers/documents?year=%s", ""), q(admin, "/api/v1/registers/cases?year=%s", ""),
				q(admin, "/api/v1/reports/%s", ""), q(admin, "/api/v1/reports/%s/draft", ""), q(admin, "/api/v1/reports/%s/diff", ""),
				q(admin, "/api/v1/reports/"+year+"/download?format=%s", ""), q(admin, "/api/v1/reports?year=%s", ""),
				// console list pages
				q(admin, "/admin/articles?state=%s", ""), q(admin, "/admin/articles?column_id=%s&category_id=%s&author_id=%s&offset=%s", ""),
				q(admin, "/admin/publications?status=%s", ""), q(admin, "/admin/disclosure?open=%s", ""),
				q(admin, "/admin/settings/audit?actor=%s", ""), q(admin, "/admin/settings/audit?action=%s&limit=%s", ""),
				q(admin, "/admin/reports?year=%s", ""), q(admin, "/admin/registers?year=%s", ""), q(admin, "/admin/articles/%s", ""),
				q(admin, "/admin/disclosure/%s", ""), q(admin, "/admin/reports/%s/preview", ""),
				// H5 pages
				q(admin, "/h5/columns/%s", ""), q(admin, "/h5/columns/dangshi?page=%s&t=%s", ""), q(admin, "/h5/columns?t=%s", ""),
				q(admin, "/h5/articles/%s", ""), q(admin, "/h5/reports/%s", ""), q(admin, "/h5/disclosure/mine?t=%s", ""),
				q(admin, "/h5/disclosure/apply?t=%s", ""), q(admin, "/disclosure/query?code=%s", ""),
			}
			for _, p := range probes {
				for _, payload := range sqlPayloads {
					path := strings.ReplaceAll(p.path, "%s", url.QueryEscape(payload))
					if strings.Index(p.path, "%s") < strings.Index(p.path, "?") || !strings.Contains(p.path, "?") {
						// a path segment: escape it as one
						path = strings.ReplaceAll(p.path, "%s", url.PathEscape(payload))
					}
					status, body := hostileGet(t, p.u, path, xff)
					switch {
					case status >= 500 || status == http.StatusForbidden && !strings.HasPrefix(path, "/h5/"):
						t.Errorf("GET %s: HTTP %d %.200s", path, status, body)
						continue
					case strings.Contains(body, "<script>alert(1)</script>"):
						t.Errorf("GET %s: the payload came back as markup", path)
					}
					if status == http.StatusOK && p.empty != "" {
						var out map[string]json.RawMessage
						if err := json.Unmarshal([]byte(body), &out); err != nil {
							t.Errorf("GET %s: %v", path, err)
							continue
						}
						if l := strings.TrimSpace(string(out[p.empty])); l != "null" && l != "[]" {
							t.Errorf("GET %s: an injected filter matched rows: %.200s", path, l)
						}
					}
				}
			}

			// The chat searches: article titles and "查询 <number or code>".
			cl := callbackClient(base)
			openid := "oSQLi" + strconv.FormatInt(time.Now().UnixNano(), 36)
			for i, payload := range sqlPayloads {
				for j, text := range []string{payload, "查询 " + payload, "查询" + strings.ReplaceAll(payload, " ", "")} {
					r, err := cl.Post(context.Background(), cl.Text(openid, text, time.Now().UnixNano()+int64(i*10+j)))
					if err == nil && strings.ContainsRune(text, 0) && r.Status == http.StatusBadRequest {
						continue // NUL is not a legal XML character: refused before any search
					}
					if err != nil || r.Status != http.StatusOK {
						t.Errorf("chat %q: %v %+v", text, err, r)
						continue
					}
					if strings.Contains(r.Content, "系统繁忙") {
						t.Errorf("chat %q: the search failed: %q", text, r.Content)
					}
				}
			}

			// The CSV export is audited, so the audit log may only have grown.
			after := tableCounts(t, st)
			if after["audit"] < before["audit"] {
				t.Fatalf("audit entries went from %d to %d", before["audit"], after["audit"])
			}
			delete(after, "audit")
			delete(before, "audit")
			if fmt.Sprint(after) != fmt.Sprint(before) {
				t.Fatalf("row counts changed:\nbefore %v\nafter  %v", before, after)
			}
			var names []string
			st.DB.Model(&models.User{}).Order("id").Pluck("username", &names)
			if strings.Join(names, ",") != "sqliadmin,sqlieditor,sqliofficer" {
				t.Fatalf("users after the attempts: %v", names)
			}
		})
	}
}
