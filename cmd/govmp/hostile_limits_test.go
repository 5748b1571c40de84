package main

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"govmp/models"
	"govmp/wechat"
	"govmp/wechat/wechattest"
)

// runAddr is an address of the documentation range unique to this run, so
// that a shared Redis does not carry one run's counts into the next.
func runAddr(block int) string {
	n := time.Now().UnixNano()
	return fmt.Sprintf("2001:db8:%x::%x:%x", block, (n>>16)&0xffff, n&0xffff)
}

// fetch sends a request with the X-Forwarded-For address given ("" = none).
func fetch(t *testing.T, method, u, addr string, form url.Values) (int, http.Header, string) {
	t.Helper()
	var body io.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	}
	req, _ := http.NewRequest(method, u, body)
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	if addr != "" {
		req.Header.Set("X-Forwarded-For", addr)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, resp.Header, string(b)
}

// applyTicket opens the apply menu for openid and returns the form's ticket.
func applyTicket(t *testing.T, cl *wechattest.CallbackClient, openid string) string {
	t.Helper()
	r, err := cl.Post(context.Background(), cl.Click(openid, "DISCLOSURE:APPLY"))
	if err != nil || len(r.Articles) != 1 {
		t.Fatalf("apply click: %v %+v", err, r)
	}
	u, _ := url.Parse(r.Articles[0].URL)
	return u.Query().Get("t")
}

func applyForm(ticket string) url.Values {
	return url.Values{"t": {ticket}, "kind": {"natural"}, "name": {"赵六"}, "id_type": {"resident_id"},
		"id_number": {e2eIDNumber}, "phone": {e2ePhone}, "email": {"zl@example.com"},
		"description": {"阜新市2021年度乡村振兴衔接资金分配方案"}, "form": {"electronic"}, "way": {"email"}}
}

// TestApplyFormIsLimitedPerOpenIDAndPerAddress: 10 applications per
// follower and 30 per address an hour; the next is refused with 429 and
// stores nothing, while another address is still served.
func TestApplyFormIsLimitedPerOpenIDAndPerAddress(t *testing.T) {
	for _, b := range backends(t) {
		t.Run(b.name, func(t *testing.T) {
			base := startServer(t, testEnv(b, map[string]string{"GOVMP_DATA_KEY": e2eDataKey}))
			st := openStore(t, b.dsn)
			cl := callbackClient(base)
			addr := runAddr(2)
			run := strconv.FormatInt(time.Now().UnixNano(), 36)
			stored := func(openid string) int64 {
				return countRows(t, st, "disclosure_requests", "open_id = ?", openid)
			}
			submit := func(openid, ticket, from string) (int, string) {
				status, _, page := fetch(t, "POST", base+"/h5/disclosure/apply", from, applyForm(ticket))
				return status, page
			}
			// Per openid: the 11th from one follower is refused.
			a := "oRateA" + run
			ta := applyTicket(t, cl, a)
			for i := 0; i < 10; i++ {
				if status, page := submit(a, ta, addr); status != 200 {
					t.Fatalf("application %d: HTTP %d %.300s", i+1, status, page)
				}
			}
			if status, page := submit(a, ta, addr); status != http.StatusTooManyRequests || !strings.Contains(page, "过于频繁") {
				t.Fatalf("11th application of one follower: HTTP %d %.300s", status, page)
			}
			if n := stored(a); n != 10 {
				t.Fatalf("follower A has %d requests stored, want 10", n)
			}
			// Per address: 30 from one address, whoever sends them.
			for _, who := range []string{"oRateB" + run, "oRateC" + run} {
				tk := applyTicket(t, cl, who)
				for i := 0; i < 10; i++ {
					if status, _ := submit(who, tk, addr); status != 200 {
						t.Fatalf("%s application %d: HTTP %d", who, i+1, status)
					}
				}
			}
			d := "oRateD" + run
			td := applyTicket(t, cl, d)
			if status, page := submit(d, td, addr); status != http.StatusTooManyRequests || !strings.Contains(page, "过于频繁") {
				t.Fatalf("31st application from one address: HTTP %d %.300s", status, page)
			}
			if status, _, _ := fetch(t, "POST", base+"/disclosure/apply", addr, applyForm("")); status != http.StatusTooManyRequests {
				t.Fatalf("web form from the same address: HTTP %d", status)
			}
			if n := stored(d); n != 0 {
				t.Fatalf("a refused application stored %d rows", n)
			}
			// Another address is not affected.
			if status, page := submit(d, td, runAddr(3)); status != 200 {
				t.Fatalf("another address: HTTP %d %.300s", status, page)
			}
		})
	}
}

// TestSearchIsLimitedPerOpenIDAndPerAddress: chat searches (article titles,
// "查询 …") per follower and the web query page per address, with
// GOVMP_SEARCH_RATE_LIMIT. Over the limit the chat answers politely (a
// keyword reply still works) and the web page answers 429.
func TestSearchIsLimitedPerOpenIDAndPerAddress(t *testing.T) {
	for _, b := range backends(t) {
		t.Run(b.name, func(t *testing.T) {
			// A day-long window: a minute boundary cannot reset it mid-test.
			base := startServer(t, testEnv(b, map[string]string{"GOVMP_DATA_KEY": e2eDataKey, "GOVMP_SEARCH_RATE_LIMIT": "3/24h"}))
			st := openStore(t, b.dsn)
			admin := signIn(t, st, base, "rladmin", "admin")
			if code := admin.do("POST", "/api/v1/replies/keywords", map[string]any{"keyword": "办事指南", "match": "exact", "reply": "请见办事指南", "priority": 1, "enabled": true}, nil); code/100 != 2 {
				t.Fatalf("keyword rule: HTTP %d", code)
			}
			cl := callbackClient(base)
			ctx := context.Background()
			run := strconv.FormatInt(time.Now().UnixNano(), 36)
			ask := func(openid, text string) string {
				t.Helper()
				r, err := cl.Post(ctx, cl.Text(openid, text, time.Now().UnixNano()))
				if err != nil || r.Status != 200 {
					t.Fatalf("chat %q: %v %+v", text, err, r)
				}
				return r.Content
			}
			a := "oSearchA" + run
			for i, text := range []string{"查询 YSQ-2020-00001", "乡村振兴", "查询 ABCDEFGH"} {
				if got := ask(a, text); got == wechat.SearchBusyText {
					t.Fatalf("search %d refused under the limit", i+1)
				}
			}
			if got := ask(a, "查询 YSQ-2020-00002"); got != wechat.SearchBusyText {
				t.Fatalf("4th search: %q, want the busy reply", got)
			}
			if got := ask(a, "办事指南"); got != "请见办事指南" {
				t.Fatalf("a keyword reply over the limit: %q", got)
			}
			if got := ask("oSearchB"+run, "查询 YSQ-2020-00001"); got == wechat.SearchBusyText {
				t.Fatal("another follower was refused")
			}

			addr := runAddr(4)
			for i := 0; i < 3; i++ {
				if status, _, _ := fetch(t, "GET", base+"/disclosure/query?code=ABCDEFGH", addr, nil); status != 200 {
					t.Fatalf("query %d: HTTP %d", i+1, status)
				}
			}
			status, h, page := fetch(t, "GET", base+"/disclosure/query?code=ABCDEFGH", addr, nil)
			if status != http.StatusTooManyRequests || h.Get("Retry-After") == "" || !strings.Contains(page, wechat.SearchBusyText) {
				t.Fatalf("4th query from one address: HTTP %d %q %.300s", status, h.Get("Retry-After"), page)
			}
			if status, _, _ := fetch(t, "GET", base+"/disclosure/query?code=ABCDEFGH", runAddr(5), nil); status != 200 {
				t.Fatalf("another address: HTTP %d", status)
			}
			// Opening the empty form is not a search.
			if status, _, _ := fetch(t, "GET", base+"/disclosure/query", addr, nil); status != 200 {
				t.Fatalf("the empty query form: HTTP %d", status)
			}
		})
	}
}

// TestForgedForwardedForDoesNotEvadeLimits: with no trusted proxy, a client
// writing its own X-Forwarded-For is still counted by its real address.
// (Before, Gin believed the header from anyone, so per-address limits could
// be walked around with one header per request.)
func TestForgedForwardedForDoesNotEvadeLimits(t *testing.T) {
	b := backends(t)[0] // the in-process cache: the loopback address is shared
	base := startServer(t, testEnv(b, map[string]string{"GOVMP_DATA_KEY": e2eDataKey,
		"GOVMP_SEARCH_RATE_LIMIT": "3/24h", "GOVMP_TRUSTED_PROXIES": "none"}))
	for i := 0; i < 3; i++ {
		if status, _, _ := fetch(t, "GET", base+"/disclosure/query?code=ABCDEFGH", runAddr(6+i), nil); status != 200 {
			t.Fatalf("query %d: HTTP %d", i+1, status)
		}
	}
	if status, _, _ := fetch(t, "GET", base+"/disclosure/query?code=ABCDEFGH", runAddr(9), nil); status != http.StatusTooManyRequests {
		t.Fatalf("a 4th query with yet another forged address: HTTP %d, want 429", status)
	}
}

// TestCapturedCallbackReplayed: a valid callback captured and posted again
// inside the timestamp window is answered but recorded once; posted again
// after the window it is refused and still recorded once.
func TestCapturedCallbackReplayed(t *testing.T) {
	for _, b := range backends(t) {
		t.Run(b.name, func(t *testing.T) {
			base := startServer(t, testEnv(b, map[string]string{"GOVMP_CALLBACK_TIMESTAMP_WINDOW": "2s"}))
			st := openStore(t, b.dsn)
			cl := callbackClient(base)
			ctx := context.Background()
			openid := "oReplay" + strconv.FormatInt(time.Now().UnixNano(), 36)
			type captured struct {
				q    url.Values
				body []byte
			}
			var caps []captured
			for _, m := range []wechattest.Message{cl.Subscribe(openid, "scene1"), cl.Text(openid, "你好", time.Now().UnixNano())} {
				q, body, err := cl.Seal(m)
				if err != nil {
					t.Fatal(err)
				}
				caps = append(caps, captured{q, body})
			}
			for i := 0; i < 3; i++ {
				for _, c := range caps {
					if r, err := cl.PostRaw(ctx, c.q, c.body); err != nil || r.Status != 200 {
						t.Fatalf("replay %d inside the window: %v %+v", i, err, r)
					}
				}
			}
			check := func(when string) {
				t.Helper()
				if n := countRows(t, st, "inbound_messages", "open_id = ?", openid); n != 2 {
					t.Fatalf("%s: %d inbound rows, want 2", when, n)
				}
				var ev int64
				st.DB.Model(&models.FollowerEvent{}).Where("open_id = ?", openid).Count(&ev)
				if ev != 1 {
					t.Fatalf("%s: %d follower events, want 1", when, ev)
				}
			}
			check("replayed inside the window")
			time.Sleep(3500 * time.Millisecond)
			for _, c := range caps {
				if r, err := cl.PostRaw(ctx, c.q, c.body); err != nil || r.Status != http.StatusForbidden {
					t.Fatalf("replay after the window: %v %+v", err, r)
				}
			}
			check("replayed after the window")
		})
	}
}
