package ticket

import (
	"errors"
	"strings"
	"testing"
	"time"
)

func TestTicket(t *testing.T) {
	now := time.Date(2021, 6, 1, 10, 0, 0, 0, time.UTC)
	s := NewSigner(KeySecret("", "tok", "secret"))
	s.Now = func() time.Time { return now }
	tk := s.Sign("oABC123", 30*time.Minute)
	if id, err := s.Verify(tk); err != nil || id != "oABC123" {
		t.Fatalf("Verify = %q, %v", id, err)
	}
	if err := s.VerifyFor(tk, "oABC123"); err != nil {
		t.Fatal(err)
	}
	if err := s.VerifyFor(tk, "oOTHER"); !errors.Is(err, ErrOther) {
		t.Fatalf("other openid: %v", err)
	}
	parts := strings.Split(tk, ".")
	forged := b64.EncodeToString([]byte("oEVIL")) + "." + parts[1] + "." + parts[2]
	if _, err := s.Verify(forged); !errors.Is(err, ErrInvalid) {
		t.Fatalf("tampered openid: %v", err)
	}
	later := parts[0] + ".9999999999." + parts[2]
	if _, err := s.Verify(later); !errors.Is(err, ErrInvalid) {
		t.Fatalf("tampered expiry: %v", err)
	}
	for _, bad := range []string{"", "a.b", "a.b.c.d", tk + "x"} {
		if _, err := s.Verify(bad); err == nil {
			t.Fatalf("accepted %q", bad)
		}
	}
	other := NewSigner(KeySecret("k", "tok", "secret"))
	if _, err := other.Verify(tk); !errors.Is(err, ErrInvalid) {
		t.Fatalf("other key: %v", err)
	}
	now = now.Add(31 * time.Minute)
	if _, err := s.Verify(tk); !errors.Is(err, ErrExpired) {
		t.Fatalf("expired: %v", err)
	}
}
