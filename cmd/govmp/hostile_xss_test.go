package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"

	"govmp/models"
)

// Stored-XSS payloads: a script element, an event handler and a javascript: link.
const (
	xssScript = `<script>alert(1)</script>`
	xssImg    = `<img src=x onerror=alert(1)>`
	xssLink   = `<a href="javascript:alert(1)">点我</a>`
	xssAll    = xssScript + xssImg + xssLink
	// xssEscaped is how a script payload shown as text must come out.
	xssEscaped = `&lt;script&gt;alert(1)&lt;/script&gt;`
)

// executableMarkup parses page and returns what in it could run script:
// an inline script mentioning alert, an on* attribute, a javascript: or
// data: URL, or an embedding element. The pages' own scripts load from
// files and carry no handlers, so anything found came from stored input.
func executableMarkup(page string) []string {
	var found []string
	z := html.NewTokenizer(strings.NewReader(page))
	inScript := false
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			if z.Err() == io.EOF {
				return found
			}
			return append(found, "unparseable: "+z.Err().Error())
		case html.TextToken:
			if inScript && strings.Contains(string(z.Text()), "alert") {
				found = append(found, "inline script: "+string(z.Text()))
			}
		case html.EndTagToken:
			if name, _ := z.TagName(); string(name) == "script" {
				inScript = false
			}
		case html.StartTagToken, html.SelfClosingTagToken:
			tok := z.Token()
			switch tok.Data {
			case "script":
				inScript = tt == html.StartTagToken
			case "iframe", "object", "embed", "base":
				// Only the console's own same-origin report frame is expected.
				src := ""
				for _, a := range tok.Attr {
					if a.Key == "src" || a.Key == "data" || a.Key == "href" {
						src = a.Val
					}
				}
				if tok.Data != "iframe" || !strings.HasPrefix(src, "/") || strings.HasPrefix(src, "//") {
					found = append(found, "element: "+tok.String())
				}
			}
			for _, a := range tok.Attr {
				key, val := strings.ToLower(a.Key), strings.ToLower(strings.TrimSpace(a.Val))
				val = strings.Join(strings.Fields(val), "")
				switch {
				case strings.HasPrefix(key, "on") && !ownHandlers[a.Val]:
					found = append(found, "handler: "+tok.String())
				case (key == "href" || key == "src" || key == "action" || key == "formaction" || key == "xlink:href" || key == "srcdoc") &&
					(strings.HasPrefix(val, "javascript:") || strings.HasPrefix(val, "vbscript:") || strings.HasPrefix(val, "data:text/html")):
					found = append(found, "URL: "+tok.String())
				}
			}
		}
	}
}

// ownHandlers are the inline handlers the pages themselves carry.
var ownHandlers = map[string]bool{"toggleKind()": true}

// checkPage fails when the page could run a stored payload; escaped says
// whether the script payload must appear on it as visible, escaped text.
func checkPage(t *testing.T, u *apiUser, path string, wantStatus int, escaped bool) string {
	t.Helper()
	status, page := hostileGet(t, u, path, http.Header{"X-Forwarded-For": {fmt.Sprintf("2001:db8:1::%x", time.Now().UnixNano()&0xffff)}})
	if status != wantStatus {
		t.Errorf("GET %s: HTTP %d, want %d: %.300s", path, status, wantStatus, page)
		return page
	}
	for _, f := range executableMarkup(page) {
		t.Errorf("GET %s: executable markup from stored input: %s", path, f)
	}
	if strings.Contains(page, xssScript) || strings.Contains(page, xssImg) {
		t.Errorf("GET %s: a raw payload is in the page", path)
	}
	if escaped && !strings.Contains(page, xssEscaped) {
		t.Errorf("GET %s: the stored text is not shown escaped", path)
	}
	return page
}

// TestStoredXSSIsNeverExecutable stores script, event-handler and
// javascript: payloads in every field people type that a page shows (an
// article's title, digest, body and links; keyword and welcome replies;
// menu names; an application's name and description; a report's prose)
// and opens every page that shows them: H5 article, column and report
// pages, the applicant's "my requests" and query pages, the console pages
// and the report's HTML export.
func TestStoredXSSIsNeverExecutable(t *testing.T) {
	for _, b := range backends(t) {
		t.Run(b.name, func(t *testing.T) {
			env := testEnv(b, map[string]string{"GOVMP_DATA_KEY": e2eDataKey})
			base := startServer(t, env)
			st := openStore(t, b.dsn)
			admin := signIn(t, st, base, "xssadmin", "admin")
			editor := signIn(t, st, base, "xsseditor", "editor")
			officer := signIn(t, st, base, "xssofficer", "officer")
			ctx := context.Background()

			// An article with payloads everywhere, published, and a second one waiting for review.
			var out articleOut
			in := map[string]any{"title": "通知" + xssScript, "digest": xssImg + "摘要" + xssScript, "author": "<b onclick=x>",
				"body":       "<p>正文安全</p>" + xssAll + `<p onclick="alert(1)" style="background:url(javascript:alert(1))">段落</p><iframe src="javascript:alert(1)"></iframe>`,
				"source_url": "javascript:alert(1)", "interp_url": " javascript:alert(1)", "issuer": xssScript, "doc_no": xssImg,
				"category_id": 5, "column_ids": []uint{1}}
			// javascript: links are refused outright, field by field.
			for _, field := range []string{"source_url", "interp_url", "cover_url"} {
				bad := map[string]any{"title": "链接", "body": "<p>x</p>", "category_id": 5, "column_ids": []uint{1}, field: " JavaScript:alert(1)"}
				var e apiError
				if code := editor.do("POST", "/api/v1/articles", bad, &e); code != 400 {
					t.Errorf("%s javascript: HTTP %d, want 400", field, code)
				}
			}
			in["source_url"], in["interp_url"] = "https://example.gov.cn/a?x=\"><script>alert(1)</script>", "http://example.gov.cn/\"onmouseover=\"alert(1)"
			var raw map[string]any
			if code := editor.do("POST", "/api/v1/articles", in, &raw); code != 201 {
				t.Fatalf("create: HTTP %d %v", code, raw)
			}
			id := uint(raw["article"].(map[string]any)["id"].(float64))
			var stored models.Article
			if err := st.DB.First(&stored, id).Error; err != nil {
				t.Fatal(err)
			}
			if strings.Contains(stored.Body, "<script") || strings.Contains(stored.Body, "onerror") || strings.Contains(stored.Body, "javascript:") ||
				strings.Contains(stored.Body, "onclick") || strings.Contains(stored.Body, "<iframe") || !strings.Contains(stored.Body, "正文安全") {
				t.Fatalf("the body was stored unsanitised: %s", stored.Body)
			}
			now := time.Now().UTC()
			if err := st.DB.Model(&models.Article{}).Where("id = ?", id).Updates(map[string]any{"state": "published", "published_at": now}).Error; err != nil {
				t.Fatal(err)
			}
			in["title"] = "待审" + xssScript
			if code := editor.do("POST", "/api/v1/articles", in, &out); code != 201 {
				t.Fatalf("create second: HTTP %d", code)
			}
			if code, e := action(editor, out.Article.ID, "submit", map[string]any{}); code != 200 {
				t.Fatalf("submit: HTTP %d %+v", code, e)
			}

			// Replies and the menu.
			if code := admin.do("PUT", "/api/v1/replies/settings", map[string]any{"welcome": xssAll, "default": xssImg}, nil); code != 200 {
				t.Fatalf("reply settings: HTTP %d", code)
			}
			if code := admin.do("POST", "/api/v1/replies/keywords", map[string]any{"keyword": "xss", "match": "exact", "reply": xssAll, "priority": 1, "enabled": true}, nil); code/100 != 2 {
				t.Fatalf("keyword rule: HTTP %d", code)
			}
			menuJSON := `{"button":[{"name":"专栏","sub_button":[` +
				`{"type":"view","name":"<img src=x onerror=alert(1)>","url":"http://govmp.test/h5/columns"},` +
				`{"type":"click","name":"<script>alert(1)</script>","key":"COLUMN:dangshi"}]}]}`
			var e apiError
			if code := admin.send("PUT", "/api/v1/menu", "application/json", strings.NewReader(menuJSON), &e); code != 200 {
				t.Fatalf("menu: HTTP %d %+v", code, e)
			}
			jsMenu := `{"button":[{"type":"view","name":"专栏","url":"javascript:alert(1)"}]}`
			if code := admin.send("PUT", "/api/v1/menu", "application/json", strings.NewReader(jsMenu), &e); code != 400 {
				t.Errorf("a javascript: menu link: HTTP %d, want 400", code)
			}

			// An application through the H5 form.
			cl := callbackClient(base)
			openid := "oXSS" + strconv.FormatInt(time.Now().UnixNano(), 36)
			r, err := cl.Post(ctx, cl.Click(openid, "DISCLOSURE:APPLY"))
			if err != nil || len(r.Articles) != 1 {
				t.Fatalf("apply click: %v %+v", err, r)
			}
			applyURL := strings.Replace(r.Articles[0].URL, "http://govmp.test", base, 1)
			tk, _ := url.Parse(applyURL)
			ticket := tk.Query().Get("t")
			form := url.Values{"t": {ticket}, "kind": {"natural"}, "name": {"王五" + xssScript}, "id_type": {"resident_id"},
				"id_number": {e2eIDNumber}, "phone": {e2ePhone}, "email": {"ww@example.com"}, "address": {xssImg},
				"work_unit": {xssLink}, "description": {"资金分配方案" + xssAll}, "purpose": {xssScript}, "form": {"electronic"}, "way": {"email"}}
			status, page := discPostForm(t, base+"/h5/disclosure/apply", form)
			if status == http.StatusBadRequest {
				// A refused form is shown again with the input: that must be safe too.
				for _, f := range executableMarkup(page) {
					t.Errorf("refused form: %s", f)
				}
				form.Set("name", "王五")
				status, page = discPostForm(t, base+"/h5/disclosure/apply", form)
			}
			cm := queryCodeRe.FindStringSubmatch(page)
			if status != 200 || cm == nil {
				t.Fatalf("application: HTTP %d %.500s", status, page)
			}
			for _, f := range executableMarkup(page) {
				t.Errorf("receipt: %s", f)
			}
			var reqID uint
			st.DB.Model(&models.DisclosureRequest{}).Where("open_id = ?", openid).Pluck("id", &reqID)

			// A report draft with payloads in its prose, then frozen.
			year := time.Now().Year() - 1
			draft := map[string]any{"organisation": "阜新市乡村振兴局", "account": "阜新乡村振兴政务", "sign_date": fmt.Sprintf("%d-01-20", year+1),
				"prose": map[string]string{"intro": "概述" + xssAll, "management": xssImg, "supervision": xssLink, "problems": xssScript, "other": "其他" + xssAll}}
			if code := officer.do("PUT", fmt.Sprintf("/api/v1/reports/%d/draft", year), draft, nil); code != 200 {
				t.Fatalf("report draft: HTTP %d", code)
			}

			// Every page that shows them.
			slugs := []string{}
			st.DB.Model(&models.Column{}).Where("id = ?", 1).Pluck("slug", &slugs)
			checkPage(t, admin, fmt.Sprintf("/h5/articles/%d", id), 200, true)
			checkPage(t, admin, "/h5/columns", 200, true)
			checkPage(t, admin, "/h5/columns/"+slugs[0], 200, true)
			checkPage(t, admin, "/h5/disclosure/mine?t="+url.QueryEscape(ticket), 200, true)
			checkPage(t, admin, "/h5/disclosure/apply?t="+url.QueryEscape(ticket), 200, false)
			checkPage(t, admin, "/disclosure/query?code="+cm[1], 200, false)
			checkPage(t, admin, "/admin/", 200, false)
			checkPage(t, admin, "/admin/articles", 200, true)
			checkPage(t, admin, fmt.Sprintf("/admin/articles/%d", id), 200, true)
			checkPage(t, editor, fmt.Sprintf("/admin/articles/%d/edit", out.Article.ID), 200, true)
			checkPage(t, admin, "/admin/review", 200, true)
			checkPage(t, admin, "/admin/publications", 200, false)
			checkPage(t, admin, "/admin/settings/replies", 200, true)
			checkPage(t, admin, "/admin/settings/menu", 200, true)
			checkPage(t, admin, "/admin/settings/audit", 200, false)
			checkPage(t, officer, "/admin/disclosure", 200, false)
			checkPage(t, officer, fmt.Sprintf("/admin/disclosure/%d", reqID), 200, true)
			checkPage(t, admin, fmt.Sprintf("/admin/reports?year=%d", year), 200, true)
			checkPage(t, admin, fmt.Sprintf("/admin/reports/%d/preview", year), 200, true)
			checkPage(t, admin, fmt.Sprintf("/api/v1/reports/%d/download?format=html", year), 200, true)

			// The editor's preview shows a posted body before it is stored.
			preview := url.Values{"_csrf": {editor.csrf}, "op": {"preview"}, "title": {"预览" + xssScript}, "body": {xssAll + "<p>预览正文</p>"}}
			req, _ := http.NewRequest("POST", base+"/admin/articles", bytes.NewReader([]byte(preview.Encode())))
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			resp, err := editor.http.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			pv, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != 200 || !strings.Contains(string(pv), "预览正文") {
				t.Errorf("preview: HTTP %d", resp.StatusCode)
			}
			for _, f := range executableMarkup(string(pv)) {
				t.Errorf("preview: %s", f)
			}

			// Frozen, the report is public on H5.
			var fin apiError
			if code := admin.do("POST", fmt.Sprintf("/api/v1/reports/%d/final", year), nil, &fin); code != 200 {
				t.Fatalf("finalize: HTTP %d %+v", code, fin)
			}
			checkPage(t, admin, "/h5/reports", 200, false)
			checkPage(t, admin, fmt.Sprintf("/h5/reports/%d", year), 200, true)
		})
	}
}

// TestExecutableMarkupFindsPayloads keeps the checker above honest: it
// finds each payload raw and none escaped.
func TestExecutableMarkupFindsPayloads(t *testing.T) {
	for _, p := range []string{xssScript, xssImg, xssLink, `<iframe src="https://evil.example/"></iframe>`, `<a href=" java&#x09;script:alert(1)">x</a>`} {
		page := "<!doctype html><p>before</p>" + p + "<p>after</p>"
		if len(executableMarkup(page)) == 0 {
			t.Errorf("not found: %s", p)
		}
		if f := executableMarkup("<p>" + html.EscapeString(p) + "</p>"); len(f) != 0 {
			t.Errorf("escaped %s flagged: %v", p, f)
		}
	}
}
