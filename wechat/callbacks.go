package wechat

import (
	"context"
	"log/slog"
	"strings"
	"time"

	"github.com/silenceper/wechat/v2/officialaccount/message"

	"govmp/store"
)

// Recorder persists inbound messages idempotently (store.Recorder).
type Recorder interface {
	Record(ctx context.Context, in store.Inbound) (fresh bool, err error)
}

// Spool keeps inbound messages on local disk while the database is down.
type Spool interface {
	Append(in store.Inbound) error
}

// Callbacks handles one verified callback end to end: open, record once,
// route, seal.
type Callbacks struct {
	Protocol Protocol
	Recorder Recorder
	Spool    Spool // optional
	Router   *Router
	Log      *slog.Logger
}

// Outcome describes what happened to a callback, for metrics and logs.
type Outcome struct {
	Kind      string // msg type or event name
	Duplicate bool
	Recorded  bool
	Spooled   bool // recorded on local disk, written to the database later
}

// Handle processes a POSTed callback and returns the response body.
// Protocol errors (ErrSignature, ErrStale, ErrMalformed) come back unchanged
// and nothing is recorded for them.
func (c *Callbacks) Handle(ctx context.Context, q Params, body []byte) ([]byte, Outcome, error) {
	if err := c.Protocol.Verify(q); err != nil {
		return nil, Outcome{}, err
	}
	msg, err := c.Protocol.Open(q, body)
	if err != nil {
		return nil, Outcome{}, err
	}
	out := Outcome{Kind: kindOf(msg)}
	c.record(ctx, msg, &out)
	reply := c.Router.Route(ctx, msg)
	sealed, err := c.Protocol.Seal(q, reply, randomString(16))
	if err != nil {
		c.Log.Error("wechat: unable to seal reply", "err", err, "kind", out.Kind)
		return []byte("success"), out, nil
	}
	return sealed, out, nil
}

// record stores msg once. WeChat's retries (and a retry that reaches
// another replica) are recognised by the database's unique key on the
// delivery's dedupe key, the one place every replica shares that cannot
// forget: no cache sits in front of it, so a cache outage or a replica
// killed mid-write changes nothing, and a first delivery costs no extra
// round trip.
func (c *Callbacks) record(ctx context.Context, msg *message.MixMessage, out *Outcome) {
	// WeChat waits 5 s; leave time for the reply even when the database hangs.
	rctx, cancel := context.WithTimeout(ctx, 2500*time.Millisecond)
	defer cancel()
	in := inboundOf(msg, DedupeKey(msg))
	fresh, err := c.Recorder.Record(rctx, in)
	switch {
	case err == nil:
		out.Duplicate, out.Recorded = !fresh, fresh
	case c.spool(in):
		out.Spooled = true
	default:
		// Nothing kept: WeChat's retry will try again.
		c.Log.Error("wechat: unable to record a callback", "err", err, "kind", out.Kind)
	}
}

// spool journals in locally while the database is unreachable.
func (c *Callbacks) spool(in store.Inbound) bool {
	if c.Spool == nil {
		return false
	}
	if err := c.Spool.Append(in); err != nil {
		c.Log.Error("wechat: unable to spool a callback", "err", err)
		return false
	}
	c.Log.Warn("wechat: database unavailable, callback spooled", "kind", in.MsgType)
	return true
}

func kindOf(msg *message.MixMessage) string {
	if msg.MsgType == message.MsgTypeEvent {
		return string(msg.Event)
	}
	return string(msg.MsgType)
}

func inboundOf(msg *message.MixMessage, key string) store.Inbound {
	in := store.Inbound{
		DedupeKey: key,
		OpenID:    string(msg.FromUserName),
		MsgType:   string(msg.MsgType),
		Event:     string(msg.Event),
		EventKey:  msg.EventKey,
		Content:   msg.Content,
		Time:      time.Unix(msg.CreateTime, 0),
	}
	switch msg.Event {
	case message.EventSubscribe:
		in.Scene = strings.TrimPrefix(msg.EventKey, "qrscene_")
	case message.EventScan:
		in.Scene = msg.EventKey
	}
	return in
}
