package main

import (
	"bytes"
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"govmp/wechat/wechattest"
)

// TestCallbackAsWeChatSeesIt runs the whole program and talks to it with a
// client written from WeChat's published protocol (package wechattest,
// independent of the SDK the server uses).
func TestCallbackAsWeChatSeesIt(t *testing.T) {
	for _, b := range backends(t) {
		t.Run(b.name, func(t *testing.T) {
			base := startServer(t, testEnv(b, nil))
			st := openStore(t, b.dsn)
			cl := callbackClient(base)
			ctx := context.Background()

			status, echo, err := cl.Verify(ctx)
			if err != nil || status != 200 || echo == "" {
				t.Fatalf("verify: %d %q %v", status, echo, err)
			}

			r, err := cl.Post(ctx, cl.Subscribe("oCitizen1", "poster2021"))
			if err != nil {
				t.Fatal(err)
			}
			if !r.Encrypted || r.Status != 200 || r.MsgType != "text" || r.ToUserName != "oCitizen1" || r.Content != "欢迎关注阜新乡村振兴政务" {
				t.Fatalf("welcome reply: %+v", r)
			}
			if n := countRows(t, st, "followers", "open_id = ? AND subscribed = ? AND qr_scene = ?", "oCitizen1", true, "poster2021"); n != 1 {
				t.Fatalf("follower rows = %d", n)
			}

			// A forged signature: 401 and nothing written.
			q, body, _ := cl.Seal(cl.Subscribe("oForger", ""))
			q.Set("signature", strings.Repeat("a", 40))
			r, _ = cl.PostRaw(ctx, q, body)
			if r.Status != http.StatusUnauthorized {
				t.Fatalf("forged signature: HTTP %d", r.Status)
			}
			// A forged msg_signature on a correctly signed URL: 401 too.
			q, body, _ = cl.Seal(cl.Subscribe("oForger", ""))
			q.Set("msg_signature", strings.Repeat("b", 40))
			r, _ = cl.PostRaw(ctx, q, body)
			if r.Status != http.StatusUnauthorized {
				t.Fatalf("forged msg_signature: HTTP %d", r.Status)
			}
			if n := countRows(t, st, "inbound_messages", "open_id = ?", "oForger"); n != 0 {
				t.Fatalf("a forged callback wrote %d rows", n)
			}
		})
	}
}

func TestRetriesAreRecordedOnce(t *testing.T) {
	for _, b := range backends(t) {
		t.Run(b.name, func(t *testing.T) {
			base := startServer(t, testEnv(b, nil))
			st := openStore(t, b.dsn)
			cl := callbackClient(base)
			ctx := context.Background()
			// Unique per run: Redis remembers deliveries across test runs.
			openid := "oRetry" + strconv.FormatInt(time.Now().UnixNano(), 36)
			click := cl.Click(openid, "COLUMN:dangshi")
			text := cl.Text(openid, "你好", time.Now().UnixNano())
			for i := 0; i < 3; i++ {
				for _, m := range []wechattest.Message{click, text} {
					if r, err := cl.Post(ctx, m); err != nil || r.Status != 200 {
						t.Fatalf("post %d: %v %+v", i, err, r)
					}
				}
			}
			if n := countRows(t, st, "inbound_messages", "open_id = ?", openid); n != 2 {
				t.Fatalf("three deliveries each of 2 messages recorded %d rows, want 2", n)
			}
		})
	}
}

func TestHostileCallbacks(t *testing.T) {
	b := backends(t)[0]
	base := startServer(t, testEnv(b, map[string]string{"GOVMP_WECHAT_AES_KEY": ""}))
	st := openStore(t, b.dsn)
	plain := &wechattest.CallbackClient{URL: base + "/wechat", Token: testToken, AppID: wechattest.DefaultAppID}
	ctx := context.Background()

	post := func(q url.Values, body []byte) int {
		r, err := plain.PostRaw(ctx, q, body)
		if err != nil {
			t.Fatal(err)
		}
		return r.Status
	}
	if s := post(plain.SignedQuery(), []byte("<xml><FromUserName>oops")); s != http.StatusBadRequest {
		t.Fatalf("broken XML: HTTP %d", s)
	}
	bomb := []byte(`<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">]><xml><ToUserName>gh</ToUserName><FromUserName>oBomb</FromUserName><CreateTime>1</CreateTime><MsgType>text</MsgType><Content>&a;</Content><MsgId>1</MsgId></xml>`)
	if s := post(plain.SignedQuery(), bomb); s != http.StatusBadRequest {
		t.Fatalf("DOCTYPE: HTTP %d", s)
	}
	huge := append([]byte("<xml><Content>"), bytes.Repeat([]byte("x"), 2<<20)...)
	if s := post(plain.SignedQuery(), huge); s != http.StatusRequestEntityTooLarge {
		t.Fatalf("2 MiB body: HTTP %d", s)
	}
	stale := &wechattest.CallbackClient{URL: plain.URL, Token: testToken, AppID: plain.AppID, Now: func() time.Time { return time.Now().Add(-time.Hour) }}
	q, body, _ := stale.Seal(stale.Subscribe("oReplay", ""))
	if s := post(q, body); s != http.StatusForbidden {
		t.Fatalf("hour-old timestamp: HTTP %d", s)
	}
	if n := countRows(t, st, "inbound_messages", ""); n != 0 {
		t.Fatalf("refused callbacks wrote %d rows", n)
	}
	// Plain mode still works for a good message.
	r, err := plain.Post(ctx, plain.Subscribe("oPlain", ""))
	if err != nil || r.Encrypted || r.Content == "" {
		t.Fatalf("plain subscribe: %+v %v", r, err)
	}
}

func TestTimestampWindowIsConfigurable(t *testing.T) {
	b := backends(t)[0]
	base := startServer(t, testEnv(b, map[string]string{"GOVMP_CALLBACK_TIMESTAMP_WINDOW": "2h"}))
	cl := callbackClient(base)
	cl.Now = func() time.Time { return time.Now().Add(-time.Hour) }
	r, err := cl.Post(context.Background(), cl.Text("oLate", "hi", time.Now().UnixNano()))
	if err != nil || r.Status != 200 {
		t.Fatalf("an hour-old callback inside a 2h window: %+v %v", r, err)
	}
}
