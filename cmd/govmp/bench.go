package main

import (
	"context"
	"flag"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/gin-gonic/gin"

	"govmp/store"
	"govmp/wechat/wechattest"
)

// benchCmd is the load generator: `govmp bench callback` fires signed (and,
// with an AES key, encrypted) subscribe/click/text callbacks at a server with
// N concurrent senders, prints throughput and latency, and then checks the
// database holds exactly the events it sent.
func benchCmd(ctx context.Context, env *environment, args []string) error {
	if len(args) > 0 && args[0] == "views" {
		return benchViews(ctx, env, args[1:])
	}
	if len(args) == 0 || args[0] != "callback" {
		return fmt.Errorf("usage: govmp bench callback|views [flags]")
	}
	fs := flag.NewFlagSet("bench callback", flag.ContinueOnError)
	fs.SetOutput(env.stderr)
	target := fs.String("url", "http://127.0.0.1"+portOf(env.cfg.HTTPAddr)+"/wechat", "callback URL of the server under load; several, comma-separated, are loaded in turn")
	n := fs.Int("n", 20000, "callbacks to send")
	c := fs.Int("c", 32, "concurrent senders")
	ceiling := fs.Bool("ceiling", true, "first measure a bare handler that only checks the signature (the ceiling)")
	verify := fs.Bool("verify", true, "check the database (GOVMP_DB_DSN) holds exactly what was sent")
	if err := fs.Parse(args[1:]); err != nil {
		return err
	}
	cl := &wechattest.CallbackClient{Token: env.cfg.Token, AppID: env.cfg.AppID, EncodingAESKey: env.cfg.AESKey}
	run := fmt.Sprintf("%x", time.Now().UnixNano()&0xffffffffff)
	if *ceiling {
		bare, stop, err := startBareHandler(env.cfg.Token)
		if err != nil {
			return err
		}
		res := fire(ctx, cl, []string{bare}, buildLoad(cl, "c"+run, *n), *c)
		stop()
		res.print(env, "bare handler (signature check + success)")
	}
	run = "b" + run
	load := buildLoad(cl, run, *n)
	targets := strings.Split(*target, ",")
	res := fire(ctx, cl, targets, load, *c)
	res.print(env, fmt.Sprintf("govmp, %d replica(s): %s", len(targets), *target))
	if !*verify {
		return nil
	}
	return verifyLoad(ctx, env, run, load)
}

// sealed is one callback ready to post.
type sealed struct {
	query url.Values
	body  []byte
	kind  string
}

// buildLoad seals every callback before the clock starts, so the generator's
// own encryption does not count against the server. Each follower
// subscribes, clicks a menu key and sends a text: 3 distinct events each.
func buildLoad(cl *wechattest.CallbackClient, run string, n int) []sealed {
	out := make([]sealed, 0, n)
	for i := 0; len(out) < n; i++ {
		openid := fmt.Sprintf("%so%07d", run, i)
		msgs := []wechattest.Message{cl.Subscribe(openid, ""), cl.Click(openid, "COLUMN:dangshi"), cl.Text(openid, "政策", time.Now().UnixNano()+int64(i))}
		for _, m := range msgs {
			if len(out) == n {
				break
			}
			q, body, err := cl.Seal(m)
			if err != nil {
				panic(err) // sealing our own well-formed messages cannot fail
			}
			kind := m.MsgType
			if e := m.Event(); e != "" {
				kind = e
			}
			out = append(out, sealed{query: q, body: body, kind: kind})
		}
	}
	return out
}

// result is what one load run measured.
type result struct {
	sent, errors int
	elapsed      time.Duration
	latencies    []time.Duration
}

// fire posts the sealed callbacks with c concurrent senders, spread over
// the target URLs in turn as a load balancer would.
func fire(ctx context.Context, sealer *wechattest.CallbackClient, targets []string, load []sealed, c int) result {
	httpClient := benchClient(c)
	clients := make([]*wechattest.CallbackClient, len(targets))
	for i, u := range targets {
		cl := *sealer
		cl.URL, cl.HTTP = u, httpClient
		clients[i] = &cl
	}
	return measure(ctx, len(load), c, func(i int) bool {
		r, err := clients[i%len(clients)].PostRaw(ctx, load[i].query, load[i].body)
		return err == nil && r.Status == http.StatusOK
	})
}

// benchClient keeps c connections open to the target, like a load balancer.
func benchClient(c int) *http.Client {
	return &http.Client{Timeout: 10 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: c, MaxConnsPerHost: c}}
}

// measure runs do(0..n-1) on c workers and records each call's latency.
func measure(ctx context.Context, n, c int, do func(i int) bool) result {
	var next, errs atomic.Int64
	lat := make([]time.Duration, n)
	start := time.Now()
	var wg sync.WaitGroup
	for w := 0; w < c; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1)) - 1
				if i >= n || ctx.Err() != nil {
					return
				}
				t := time.Now()
				ok := do(i)
				lat[i] = time.Since(t)
				if !ok {
					errs.Add(1)
				}
			}
		}()
	}
	wg.Wait()
	return result{sent: n, errors: int(errs.Load()), elapsed: time.Since(start), latencies: lat}
}

func (r result) print(env *environment, label string) {
	sort.Slice(r.latencies, func(i, j int) bool { return r.latencies[i] < r.latencies[j] })
	pct := func(p float64) time.Duration { return r.latencies[int(p*float64(len(r.latencies)-1))] }
	fmt.Fprintf(env.stdout, "%s\n  %d requests in %.2fs: %.0f/s, p50 %.2fms, p99 %.2fms, max %.2fms, errors %d\n",
		label, r.sent, r.elapsed.Seconds(), float64(r.sent)/r.elapsed.Seconds(),
		ms(pct(0.50)), ms(pct(0.99)), ms(r.latencies[len(r.latencies)-1]), r.errors)
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

// startBareHandler serves a Gin handler that checks the URL signature and
// answers success: what the machine can do with no work behind it.
func startBareHandler(token string) (string, func(), error) {
	gin.SetMode(gin.ReleaseMode)
	e := gin.New()
	e.POST("/wechat", func(c *gin.Context) {
		q := c.Request.URL.Query()
		if wechattest.Signature(token, q.Get("timestamp"), q.Get("nonce")) != q.Get("signature") {
			c.Status(http.StatusUnauthorized)
			return
		}
		c.String(http.StatusOK, "success")
	})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", nil, err
	}
	srv := &http.Server{Handler: e}
	go srv.Serve(ln)
	return "http://" + ln.Addr().String() + "/wechat", func() { srv.Close() }, nil
}

// verifyLoad counts what the database holds for this run: every distinct
// callback exactly once, and one subscribe event per follower.
func verifyLoad(ctx context.Context, env *environment, run string, load []sealed) error {
	st, err := store.Open(env.cfg.DBDSN)
	if err != nil {
		return err
	}
	defer st.Close()
	subs := 0
	for _, s := range load {
		if s.kind == "subscribe" {
			subs++
		}
	}
	var msgs, events int64
	like := run + "o%"
	if err := st.DB.WithContext(ctx).Table("inbound_messages").Where("open_id LIKE ?", like).Count(&msgs).Error; err != nil {
		return err
	}
	if err := st.DB.WithContext(ctx).Table("follower_events").Where("open_id LIKE ?", like).Count(&events).Error; err != nil {
		return err
	}
	fmt.Fprintf(env.stdout, "database: %d of %d callbacks recorded, %d of %d subscribe events\n", msgs, len(load), events, subs)
	if msgs != int64(len(load)) || events != int64(subs) {
		return fmt.Errorf("bench: the database does not hold exactly what was sent (%s)", strings.TrimSpace(fmt.Sprintf("lost or duplicated: %d", int64(len(load))-msgs)))
	}
	return nil
}
