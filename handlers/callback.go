package handlers

import (
	"errors"
	"io"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"govmp/wechat"
)

// maxCallbackBody caps a callback body; WeChat's messages are a few KB.
const maxCallbackBody = 1 << 20

func paramsOf(c *gin.Context) wechat.Params {
	q := c.Request.URL.Query()
	return wechat.Params{
		Signature: q.Get("signature"), Timestamp: q.Get("timestamp"), Nonce: q.Get("nonce"),
		EchoStr: q.Get("echostr"), EncryptType: q.Get("encrypt_type"), MsgSignature: q.Get("msg_signature"),
	}
}

// callbackVerify answers WeChat's URL check with echostr.
func (s *server) callbackVerify(c *gin.Context) {
	q := paramsOf(c)
	if err := s.Callbacks.Protocol.Verify(q); err != nil {
		s.Metrics.Callbacks.WithLabelValues("verify", outcomeOf(err)).Inc()
		c.String(statusOfCallback(err), "forbidden")
		return
	}
	s.Metrics.Callbacks.WithLabelValues("verify", "ok").Inc()
	c.String(http.StatusOK, q.EchoStr)
}

// callbackReceive handles a message or event and replies within WeChat's 5 s.
func (s *server) callbackReceive(c *gin.Context) {
	start := time.Now()
	defer func() { s.Metrics.CallbackLatency.Observe(time.Since(start).Seconds()) }()
	body, err := io.ReadAll(http.MaxBytesReader(c.Writer, c.Request.Body, maxCallbackBody))
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			s.Metrics.Callbacks.WithLabelValues("unknown", "too_large").Inc()
			c.String(http.StatusRequestEntityTooLarge, "request body too large")
			return
		}
		c.String(http.StatusBadRequest, "unreadable body")
		return
	}
	out, res, err := s.Callbacks.Handle(c.Request.Context(), paramsOf(c), body)
	if err != nil {
		s.Metrics.Callbacks.WithLabelValues("unknown", outcomeOf(err)).Inc()
		c.String(statusOfCallback(err), http.StatusText(statusOfCallback(err)))
		return
	}
	outcome := "recorded"
	switch {
	case res.Duplicate:
		outcome = "duplicate"
	case res.Spooled:
		outcome = "spooled"
	case !res.Recorded:
		outcome = "not_recorded"
	}
	s.Metrics.Callbacks.WithLabelValues(res.Kind, outcome).Inc()
	c.Data(http.StatusOK, "text/xml; charset=utf-8", out)
}

func statusOfCallback(err error) int {
	switch {
	case errors.Is(err, wechat.ErrSignature):
		return http.StatusUnauthorized
	case errors.Is(err, wechat.ErrStale):
		return http.StatusForbidden
	case errors.Is(err, wechat.ErrMalformed):
		return http.StatusBadRequest
	}
	return http.StatusInternalServerError
}

func outcomeOf(err error) string {
	switch {
	case errors.Is(err, wechat.ErrSignature):
		return "bad_signature"
	case errors.Is(err, wechat.ErrStale):
		return "stale"
	case errors.Is(err, wechat.ErrMalformed):
		return "malformed"
	}
	return "error"
}
