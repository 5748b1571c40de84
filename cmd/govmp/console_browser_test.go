package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
)

// chromiumPath is Debian's chromium, which CI installs.
const chromiumPath = "/usr/bin/chromium"

// ui drives one headless Chromium tab against a server under test.
type ui struct {
	t     *testing.T
	ctx   context.Context
	base  string
	shots string

	mu      sync.Mutex
	outside []string // requests that left the test server
	inside  int      // requests to it: proves the watch works
}

// requireChromium skips the browser suite, saying why, where Chromium is missing.
func requireChromium(t *testing.T) {
	if _, err := os.Stat(chromiumPath); err != nil {
		t.Skipf("browser suite skipped: %s is not installed (apt-get install chromium fonts-wqy-microhei)", chromiumPath)
	}
}

// newUI starts Chromium with the network cut off: every proxied request goes
// to a closed port, and the tab's requests are watched so that any request
// to anything but the test server fails the test.
func newUI(t *testing.T, base string) *ui {
	t.Helper()
	requireChromium(t)
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chromiumPath), chromedp.NoSandbox, chromedp.Headless,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.ProxyServer("http://127.0.0.1:9"),
		chromedp.Flag("proxy-bypass-list", "<-loopback>;127.0.0.1"),
		chromedp.WindowSize(1366, 768),
	)
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(actx)
	t.Cleanup(func() { cancel(); cancelAlloc() })
	u := &ui{t: t, ctx: ctx, base: base, shots: t.TempDir()}
	if os.Getenv("GOVMP_UPDATE_SCREENSHOTS") == "1" {
		u.shots = filepath.Join("..", "..", "docs", "screenshots")
	}
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("start chromium: %v", err)
	}
	requests := chromedp.Events(ctx, network.RequestWillBeSent)
	go func() {
		for ev, err := range requests {
			if err != nil {
				return
			}
			url := ev.Request.URL
			u.mu.Lock()
			if strings.HasPrefix(url, base+"/") {
				u.inside++
			} else if !strings.HasPrefix(url, "data:") && !strings.HasPrefix(url, "about:") {
				u.outside = append(u.outside, url)
			}
			u.mu.Unlock()
		}
	}()
	t.Cleanup(u.checkOffline)
	return u
}

// checkOffline fails the test for every request that was not to the server.
func (u *ui) checkOffline() {
	u.mu.Lock()
	defer u.mu.Unlock()
	if u.inside == 0 && !u.t.Failed() {
		u.t.Error("the request watch saw no request at all, so it cannot vouch that the console works offline")
	}
	for _, url := range u.outside {
		u.t.Errorf("the console requested something outside the server (it must work offline): %s", url)
	}
}

// do runs actions with a time limit, failing the test with the page it was on.
func (u *ui) do(steps ...chromedp.Action[chromedp.Void]) {
	u.t.Helper()
	ctx, cancel := context.WithTimeout(u.ctx, 20*time.Second)
	defer cancel()
	if err := chromedp.Do(ctx, steps...); err != nil {
		loc, _ := chromedp.Run(u.ctx, chromedp.Location())
		u.t.Fatalf("browser at %s: %v", loc, err)
	}
}

// open loads a console page.
func (u *ui) open(path string) {
	u.t.Helper()
	u.do(chromedp.Navigate(u.base + path))
}

// submit clicks a button that posts a form and waits for the next page.
func (u *ui) submit(sel string) {
	u.t.Helper()
	ctx, cancel := context.WithTimeout(u.ctx, 20*time.Second)
	defer cancel()
	if _, err := chromedp.RunResponse(ctx, chromedp.Click(chromedp.CSS(sel), chromedp.NodeVisible)); err != nil {
		u.t.Fatalf("submit %s: %v", sel, err)
	}
}

// text returns the visible text of the first element matching sel.
func (u *ui) text(sel string) string {
	u.t.Helper()
	ctx, cancel := context.WithTimeout(u.ctx, 10*time.Second)
	defer cancel()
	s, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(sel), chromedp.NodeReady))
	if err != nil {
		loc, _ := chromedp.Run(u.ctx, chromedp.Location())
		main, _ := chromedp.Run(u.ctx, chromedp.Evaluate[string]("document.body.innerText"))
		u.t.Fatalf("text of %s at %s: %v\npage: %.1500s", sel, loc, err, main)
	}
	return strings.TrimSpace(s)
}

// value returns the current value of a form field.
func (u *ui) value(sel string) string {
	u.t.Helper()
	v, err := chromedp.Run(u.ctx, chromedp.Value(chromedp.CSS(sel)))
	if err != nil {
		u.t.Fatalf("value of %s: %v", sel, err)
	}
	return v
}

// has reports whether an element matching sel is on the page now.
func (u *ui) has(sel string) bool {
	u.t.Helper()
	n, err := chromedp.Run(u.ctx, chromedp.Evaluate[int]("document.querySelectorAll("+jsString(sel)+").length"))
	if err != nil {
		u.t.Fatal(err)
	}
	return n > 0
}

// expect fails unless the text of sel contains want.
func (u *ui) expect(sel, want string) {
	u.t.Helper()
	if got := u.text(sel); !strings.Contains(got, want) {
		u.t.Fatalf("%s shows %q, want it to contain %q", sel, got, want)
	}
}

// fill replaces a field's content with s, typed key by key.
func (u *ui) fill(sel, s string) {
	u.t.Helper()
	clear := chromedp.Evaluate[chromedp.Void]("document.querySelector(" + jsString(sel) + ").value = ''")
	u.do(chromedp.WaitReady(chromedp.CSS(sel)), clear, chromedp.SendKeys(chromedp.CSS(sel), s))
}

func (u *ui) login(name string) {
	u.t.Helper()
	u.open("/admin/login")
	u.fill("#username", name)
	u.fill("#password", testPassword)
	u.submit("#login")
	if !u.has("#whoami") {
		u.t.Fatalf("login %s failed: %s", name, u.text("main"))
	}
}

func (u *ui) logout() {
	u.t.Helper()
	u.submit("#logout")
	u.expect("#flash", "已退出登录")
}

// post sends a form post from inside the page (with the CSRF token, as a
// console form would) and returns the HTTP status, without following redirects.
func (u *ui) post(path string) int {
	u.t.Helper()
	js := `(async () => { const m = document.cookie.match(/govmp_csrf=([^;]+)/);
		const r = await fetch(` + jsString(path) + `, {method: "POST", redirect: "manual",
			body: new URLSearchParams({_csrf: m ? m[1] : ""})});
		return r.type === "opaqueredirect" ? 303 : r.status; })()`
	code, err := chromedp.Run(u.ctx, chromedp.Evaluate[int](js, chromedp.EvalAwaitPromise))
	if err != nil {
		u.t.Fatalf("post %s: %v", path, err)
	}
	return code
}

// shot saves the page at desktop size (1366×768) and phone size (390×844).
func (u *ui) shot(name string) {
	u.t.Helper()
	for _, size := range []struct {
		suffix string
		w, h   int64
		mobile bool
	}{{"desktop", 1366, 768, false}, {"phone", 390, 844, true}} {
		opts := []chromedp.EmulateViewportOption{chromedp.EmulateScale(1)}
		if size.mobile {
			opts = append(opts, chromedp.EmulateMobile)
		}
		u.do(chromedp.EmulateViewport(size.w, size.h, opts...), chromedp.Sleep(200*time.Millisecond))
		png, err := chromedp.Run(u.ctx, chromedp.CaptureScreenshot())
		if err != nil {
			u.t.Fatalf("screenshot %s: %v", name, err)
		}
		if err := os.WriteFile(filepath.Join(u.shots, name+"-"+size.suffix+".png"), png, 0o644); err != nil {
			u.t.Fatal(err)
		}
	}
	u.do(chromedp.EmulateViewport(1366, 768, chromedp.EmulateScale(1)))
}

func jsString(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`)
	return `"` + r.Replace(s) + `"`
}
