// Package ticket signs short-lived tickets that stand for a follower's
// openid in links the bot sends. A subscription account has no OAuth, so an
// H5 page learns who opened it only from such a ticket.
//
// A ticket is "<openid>.<expiry unix>.<HMAC-SHA256>" in URL-safe base64
// parts; tampering with any part, using it after expiry, or presenting it
// for another openid fails.
package ticket

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"strconv"
	"strings"
	"time"
)

// Errors Verify returns; pages treat them all as "anonymous visitor".
var (
	ErrInvalid = errors.New("ticket: invalid")
	ErrExpired = errors.New("ticket: expired")
	ErrOther   = errors.New("ticket: issued for another follower")
)

// Signer signs and verifies tickets with one key.
type Signer struct {
	key []byte
	// Now is the clock; tests replace it.
	Now func() time.Time
}

// NewSigner derives the ticket key from secret with a fixed label, so the
// same secret used elsewhere (data encryption, WeChat token) never yields
// the same key twice.
func NewSigner(secret string) *Signer {
	m := hmac.New(sha256.New, []byte(secret))
	m.Write([]byte("govmp h5 ticket v1"))
	return &Signer{key: m.Sum(nil), Now: time.Now}
}

// KeySecret picks the secret tickets are derived from: the data key when
// configured, else the WeChat token and AppSecret, which every replica shares.
func KeySecret(dataKey, token, appSecret string) string {
	if dataKey != "" {
		return "data:" + dataKey
	}
	return "wechat:" + token + ":" + appSecret
}

var b64 = base64.RawURLEncoding

// Sign returns a ticket for openid valid for ttl.
func (s *Signer) Sign(openid string, ttl time.Duration) string {
	exp := strconv.FormatInt(s.Now().Add(ttl).Unix(), 10)
	id := b64.EncodeToString([]byte(openid))
	return id + "." + exp + "." + b64.EncodeToString(s.mac(id, exp))
}

func (s *Signer) mac(id, exp string) []byte {
	m := hmac.New(sha256.New, s.key)
	m.Write([]byte(id + "." + exp))
	return m.Sum(nil)
}

// Verify checks t and returns the openid it stands for.
func (s *Signer) Verify(t string) (string, error) {
	parts := strings.Split(t, ".")
	if len(parts) != 3 {
		return "", ErrInvalid
	}
	// Compare the signature as text, not decoded: the decoder ignores the
	// spare low bits of the last character and skips newlines, so several
	// spellings decode to the same MAC, and a ticket changed in one of
	// those ways would still have verified.
	want := b64.EncodeToString(s.mac(parts[0], parts[1]))
	if !hmac.Equal([]byte(parts[2]), []byte(want)) {
		return "", ErrInvalid
	}
	exp, err := strconv.ParseInt(parts[1], 10, 64)
	if err != nil {
		return "", ErrInvalid
	}
	if !s.Now().Before(time.Unix(exp, 0)) {
		return "", ErrExpired
	}
	id, err := b64.DecodeString(parts[0])
	if err != nil || len(id) == 0 {
		return "", ErrInvalid
	}
	return string(id), nil
}

// VerifyFor checks that t is a valid ticket for openid.
func (s *Signer) VerifyFor(t, openid string) error {
	got, err := s.Verify(t)
	if err != nil {
		return err
	}
	if !hmac.Equal([]byte(got), []byte(openid)) {
		return ErrOther
	}
	return nil
}
