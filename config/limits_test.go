package config

import (
	"slices"
	"strings"
	"testing"
	"time"
)

func TestSearchRateAndTrustedProxies(t *testing.T) {
	c, err := Load(env(nil))
	if err != nil {
		t.Fatal(err)
	}
	if n, w, _ := c.SearchRate(); n != 20 || w != time.Minute {
		t.Fatalf("default search rate %d/%v", n, w)
	}
	if p, _ := c.Proxies(); !slices.Equal(p, []string{"127.0.0.1", "::1"}) {
		t.Fatalf("default trusted proxies %v", p)
	}
	c, err = Load(env(map[string]string{"GOVMP_SEARCH_RATE_LIMIT": "0", "GOVMP_TRUSTED_PROXIES": "none"}))
	if err != nil {
		t.Fatal(err)
	}
	if n, _, _ := c.SearchRate(); n != 0 {
		t.Fatal("0 does not turn the search limit off")
	}
	if p, _ := c.Proxies(); p != nil {
		t.Fatalf("none trusts %v", p)
	}
	for name, v := range map[string]string{"GOVMP_SEARCH_RATE_LIMIT": "20 per minute", "GOVMP_TRUSTED_PROXIES": "10.0.0.0/33"} {
		if _, err := Load(env(map[string]string{name: v})); err == nil || !strings.Contains(err.Error(), name) {
			t.Errorf("%s=%q: %v", name, v, err)
		}
	}
	if _, err := Load(env(map[string]string{"GOVMP_SEARCH_RATE_LIMIT": "5/100ms"})); err == nil {
		t.Error("a sub-second window was accepted")
	}
}
