package ticket

import (
	"errors"
	"strconv"
	"strings"
	"testing"
	"time"
)

// fuzzNow is the fixed clock of the fuzz signers: a whole second, so a
// ticket signed for ttl seconds expires exactly ttl seconds later and the
// committed corpus stays valid forever.
var fuzzNow = time.Date(2021, 6, 1, 10, 0, 0, 0, time.UTC)

// fuzzSigner returns a signer with a fixed key and clock, so seed tickets
// built from it stay valid in the committed corpus.
func fuzzSigner(secret string) *Signer {
	s := NewSigner(secret)
	s.Now = func() time.Time { return fuzzNow }
	return s
}

// FuzzVerify feeds Verify arbitrary tickets, and signs arbitrary openids and
// lifetimes to verify them back. Tickets come from links anyone can edit,
// so Verify must never panic and must accept nothing but the exact text the
// signer produced; a signed ticket must give back its openid unchanged until
// it expires, and changing any single byte of it must make it fail.
func FuzzVerify(f *testing.F) {
	s := fuzzSigner(KeySecret("", "tok", "secret"))
	valid := s.Sign("oABC123", 30*time.Minute)
	parts := strings.Split(valid, ".")
	long := strings.Repeat("o", 4096)
	for _, seed := range []struct {
		ticket, openid string
		ttl            int64
		tamper         byte
	}{
		{valid, "oABC123", int64(30 * time.Minute), 1},
		{s.Sign("oDHF5t5xVJ7Fxk0lq8Yv4QZ9b1c2", time.Hour), "oDHF5t5xVJ7Fxk0lq8Yv4QZ9b1c2", int64(time.Hour), 0x20},
		{s.Sign("关注者", time.Minute), "关注者", int64(time.Minute), 0x80},
		{s.Sign(long, time.Hour), long, int64(24 * time.Hour), 0xff},
		{s.Sign("o", -time.Minute), "o", int64(-time.Minute), 2},
		{valid[:len(valid)-1], "", 0, 3},
		{valid[:len(valid)/2], "o.b", int64(time.Second), 4},
		{parts[0] + "." + parts[1], "a.b.c", int64(time.Second - 1), 5},
		{valid + ".", "o\x00\xff", int64(1<<63 - 1), 6},
		{"." + valid, "o\n", -1 << 63, 7},
		{parts[0] + ".." + parts[1] + "." + parts[2], "o", 1, 8},
		{parts[0] + "." + parts[1] + "." + parts[2] + "\n", "o", int64(time.Second), 9},
		{parts[0] + "." + parts[1] + "\n." + parts[2], "o", int64(time.Second), 10},
		{parts[0] + ".+" + parts[1] + "." + parts[2], "o", int64(time.Second), 11},
		{"关注者.1622543400." + parts[2], "o", int64(time.Second), 12},
		{"..", "", 0, 13},
		{"", "", 0, 0},
		{strings.Repeat("A", 10000) + "." + parts[1] + "." + parts[2], "o", int64(time.Second), 14},
		{strings.Repeat(".", 300), "o", int64(time.Second), 15},
	} {
		f.Add(seed.ticket, seed.openid, seed.ttl, seed.tamper)
	}
	other := fuzzSigner(KeySecret("k", "tok", "secret"))
	f.Fuzz(func(t *testing.T, ticket, openid string, ttl int64, tamper byte) {
		checkArbitrary(t, s, other, ticket)
		checkRoundTrip(t, s, other, openid, time.Duration(ttl), tamper)
	})
}

// checkArbitrary verifies a ticket of unknown origin. A fuzzer cannot forge
// the HMAC, so anything accepted must be byte for byte what s would sign for
// that openid and expiry; a signer with another key must accept nothing.
func checkArbitrary(t *testing.T, s, other *Signer, ticket string) {
	id, err := s.Verify(ticket)
	if err != nil {
		if id != "" {
			t.Fatalf("Verify(%q) returned openid %q with error %v", ticket, id, err)
		}
		if !errors.Is(err, ErrInvalid) && !errors.Is(err, ErrExpired) {
			t.Fatalf("Verify(%q): unexpected error %v", ticket, err)
		}
		if s.VerifyFor(ticket, id) == nil {
			t.Fatalf("VerifyFor accepted %q that Verify rejects", ticket)
		}
	} else {
		exp, perr := strconv.ParseInt(strings.Split(ticket, ".")[1], 10, 64)
		if perr != nil {
			t.Fatalf("Verify accepted %q with an unparsable expiry", ticket)
		}
		if want := s.Sign(id, time.Unix(exp, 0).Sub(fuzzNow)); ticket != want {
			t.Fatalf("Verify accepted %q, which the signer writes as %q", ticket, want)
		}
		if err := s.VerifyFor(ticket, id); err != nil {
			t.Fatalf("VerifyFor(%q, %q) = %v after Verify succeeded", ticket, id, err)
		}
		if err := s.VerifyFor(ticket, id+"x"); !errors.Is(err, ErrOther) {
			t.Fatalf("VerifyFor with another openid = %v, want ErrOther", err)
		}
	}
	if id, err := other.Verify(ticket); err == nil {
		t.Fatalf("a signer with another key accepted %q as %q", ticket, id)
	}
}

// checkRoundTrip signs openid for ttl and verifies it back, then tampers
// with each byte of the ticket in turn.
func checkRoundTrip(t *testing.T, s, other *Signer, openid string, ttl time.Duration, tamper byte) {
	tk := s.Sign(openid, ttl)
	got, err := s.Verify(tk)
	switch {
	case openid == "":
		// An empty openid stands for nobody, so its ticket never verifies.
		if err == nil {
			t.Fatalf("ticket for the empty openid verified as %q", got)
		}
	case ttl < time.Second:
		// Expiry is kept in whole seconds and the clock is on a whole
		// second, so a lifetime under a second has already run out.
		if !errors.Is(err, ErrExpired) {
			t.Fatalf("Sign(%q, %v) then Verify = %q, %v; want ErrExpired", openid, ttl, got, err)
		}
	default:
		if err != nil || got != openid {
			t.Fatalf("Sign(%q, %v) then Verify = %q, %v", openid, ttl, got, err)
		}
		if err := s.VerifyFor(tk, openid); err != nil {
			t.Fatalf("VerifyFor own openid: %v", err)
		}
	}
	if _, err := other.Verify(tk); err == nil {
		t.Fatalf("a signer with another key accepted %q", tk)
	}
	if tamper == 0 {
		tamper = 1 // a zero change would leave the ticket as signed
	}
	b := []byte(tk)
	for i := range b {
		b[i] += tamper
		if got, err := s.Verify(string(b)); err == nil {
			t.Fatalf("ticket %q with byte %d changed to %q verified as %q", tk, i, b[i], got)
		}
		b[i] -= tamper
	}
}
