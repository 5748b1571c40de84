package handlers

import (
	"bytes"
	"fmt"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"

	"govmp/config"
	"govmp/kv"
	"govmp/metrics"
	"govmp/store"
	"govmp/store/storetest"
	"govmp/wechat"
	"govmp/wechat/wechattest"
)

// BenchmarkCallbackSafeMode measures one encrypted text callback through the
// whole engine (signature, decryption, dedupe, group-committed recording,
// routing, encrypted reply) on SQLite, without the network.
func BenchmarkCallbackSafeMode(b *testing.B) {
	const aes = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG"
	st := storetest.Open(b)
	cfg := config.Default()
	cfg.AppID, cfg.Token, cfg.AESKey = "wxbench", "tok", aes
	cache := kv.NewMemory()
	replies := &wechat.ReplyBook{Source: st, Defaults: wechat.DefaultReplies, TTL: time.Minute, Log: quiet}
	rec := store.NewRecorder(st)
	defer rec.Close()
	cb := &wechat.Callbacks{Protocol: wechat.Protocol{Token: cfg.Token, AppID: cfg.AppID, AESKey: aes, Window: time.Hour, Now: time.Now},
		Recorder: rec, Router: wechat.NewRouter(replies), Log: quiet}
	engine := NewServer(Deps{Config: cfg, Store: st, KV: cache,
		Callbacks: cb, Replies: replies,
		WeChat: wechat.NewClient(cfg, cache, quiet), Metrics: metrics.New(), Log: quiet})
	sealer := &wechattest.CallbackClient{Token: cfg.Token, AppID: cfg.AppID, EncodingAESKey: aes}
	type req struct {
		url  string
		body []byte
	}
	reqs := make([]req, b.N)
	for i := range reqs {
		q, body, _ := sealer.Seal(sealer.Text(fmt.Sprintf("oBench%d", i%1000), "政策", int64(i+1)))
		reqs[i] = req{"/wechat?" + q.Encode(), body}
	}
	var next atomic.Int64
	b.ReportAllocs()
	b.ResetTimer()
	b.SetParallelism(16) // WeChat delivers many callbacks at once; batches form from them
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			r := reqs[next.Add(1)-1]
			w := httptest.NewRecorder()
			engine.ServeHTTP(w, httptest.NewRequest(http.MethodPost, r.url, bytes.NewReader(r.body)))
			if w.Code != http.StatusOK {
				b.Fatalf("HTTP %d", w.Code)
			}
		}
	})
}
