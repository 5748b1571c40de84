package wechattest

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"time"
)

const (
	tokenLifetime = 7200 * time.Second
	// tokenOverlap is how long a superseded token keeps working, and how
	// early stable_token replaces a token that is about to expire.
	tokenOverlap = 5 * time.Minute
)

// tokenRec is one issued access token.
type tokenRec struct {
	expires time.Time
	// graceUntil is set when a newer token supersedes this one.
	graceUntil time.Time
	revoked    bool
}

// checkToken returns the WeChat error for tok, or 0; callers hold s.mu.
func (s *Server) checkToken(tok string) int {
	if tok == "" {
		return 41001
	}
	rec := s.tokens[tok]
	now := s.nowLocked()
	switch {
	case rec == nil || rec.revoked:
		return 40001
	case !now.Before(rec.expires):
		return 42001
	case !rec.graceUntil.IsZero() && !now.Before(rec.graceUntil):
		return 40001
	}
	return 0
}

// checkCredentials validates the three parameters both token endpoints take.
func (s *Server) checkCredentials(grant, appID, secret string) int {
	switch {
	case grant != "client_credential":
		return 40002
	case appID == "":
		return 41002
	case appID != s.appID:
		return 40013
	case secret == "":
		return 41004
	case secret != s.appSecret:
		return 40125
	}
	return 0
}

// newToken issues a fresh token; it is long and random like the real ones
// (which need ≥512 bytes of storage), so clients cannot assume a length.
func (s *Server) newToken() (string, *tokenRec) {
	b := make([]byte, 48)
	_, _ = rand.Read(b) // crypto/rand does not fail on supported platforms
	tok := fmt.Sprintf("FAKE_%06d_%s", s.nextSeq(), hex.EncodeToString(b))
	rec := &tokenRec{expires: s.nowLocked().Add(tokenLifetime)}
	s.tokens[tok] = rec
	return tok, rec
}

// handleToken is GET /cgi-bin/token: every call issues a new token and the
// previous one keeps working for five more minutes.
func (s *Server) handleToken(rq *request) any {
	q := rq.query
	if code := s.checkCredentials(q.Get("grant_type"), q.Get("appid"), q.Get("secret")); code != 0 {
		return fail(code)
	}
	if old := s.tokens[s.classicCur]; old != nil && old.graceUntil.IsZero() {
		old.graceUntil = s.nowLocked().Add(tokenOverlap)
	}
	tok, _ := s.newToken()
	s.classicCur = tok
	return map[string]any{"access_token": tok, "expires_in": int(tokenLifetime.Seconds())}
}

// stableTokenRequest is the JSON body of POST /cgi-bin/stable_token.
type stableTokenRequest struct {
	GrantType    string `json:"grant_type"`
	AppID        string `json:"appid"`
	Secret       string `json:"secret"`
	ForceRefresh bool   `json:"force_refresh"`
}

// handleStableToken returns the same token while it is valid, with the
// remaining lifetime; force_refresh revokes it at once.
func (s *Server) handleStableToken(rq *request) any {
	var in stableTokenRequest
	if e := decode(rq, &in); e != nil {
		return *e
	}
	if code := s.checkCredentials(in.GrantType, in.AppID, in.Secret); code != 0 {
		return fail(code)
	}
	now := s.nowLocked()
	cur := s.tokens[s.stableCur]
	if cur != nil && in.ForceRefresh {
		cur.revoked = true
		cur = nil
	}
	// The platform swaps the token in its last five minutes; the old one
	// stays valid until it expires on its own.
	if cur == nil || cur.revoked || !now.Before(cur.expires.Add(-tokenOverlap)) {
		s.stableCur, cur = s.newToken()
	}
	left := int(cur.expires.Sub(now) / time.Second)
	return map[string]any{"access_token": s.stableCur, "expires_in": left}
}

// Tokens returns how many tokens were ever issued by either endpoint.
func (s *Server) Tokens() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.tokens)
}

// RevokeTokens makes every issued token invalid (40001), as a secret reset
// on the mp website would.
func (s *Server) RevokeTokens() {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, rec := range s.tokens {
		rec.revoked = true
	}
}
