package pii

import (
	"encoding/base64"
	"encoding/hex"
	"errors"
	"strings"
	"testing"
)

var rawKey = "0123456789abcdef0123456789ABCDEF" // 32 bytes

func mustCipher(t *testing.T, key string) *Cipher {
	t.Helper()
	c, err := NewCipher(key)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestKeyForms(t *testing.T) {
	b := []byte(rawKey)
	forms := []string{
		rawKey,
		hex.EncodeToString(b),
		base64.StdEncoding.EncodeToString(b),
		base64.RawURLEncoding.EncodeToString(b),
		base64.StdEncoding.EncodeToString(b) + "\n",
	}
	ref := mustCipher(t, rawKey)
	sealed, _ := ref.Encrypt("210902199001011230")
	for _, k := range forms {
		c := mustCipher(t, k)
		if got, err := c.Decrypt(sealed); err != nil || got != "210902199001011230" {
			t.Errorf("key form %q: %q, %v", k, got, err)
		}
	}
	for _, bad := range []string{"", "short", base64.StdEncoding.EncodeToString(b[:16]), strings.Repeat("g", 64)} {
		if _, err := NewCipher(bad); err == nil {
			t.Errorf("key %q accepted", bad)
		}
	}
}

func TestRoundTrip(t *testing.T) {
	c := mustCipher(t, rawKey)
	for _, plain := range []string{"210902199001011230", "13812345678", "张三", ""} {
		s1, err := c.Encrypt(plain)
		if err != nil {
			t.Fatal(err)
		}
		if plain != "" {
			if !strings.HasPrefix(s1, "v1:") || strings.Contains(s1, plain) {
				t.Errorf("ciphertext %q leaks or lacks tag", s1)
			}
			if s2, _ := c.Encrypt(plain); s2 == s1 {
				t.Error("same ciphertext twice: nonce not random")
			}
		}
		if got, err := c.Decrypt(s1); err != nil || got != plain {
			t.Errorf("round trip %q: %q, %v", plain, got, err)
		}
	}
}

func TestWrongKeyAndTamper(t *testing.T) {
	c := mustCipher(t, rawKey)
	other := mustCipher(t, strings.Repeat("k", 32))
	s, _ := c.Encrypt("210902199001011230")
	if _, err := other.Decrypt(s); !errors.Is(err, ErrDecrypt) {
		t.Errorf("wrong key: %v", err)
	}
	body := []byte(s)
	body[len(body)-3] ^= 1
	for _, bad := range []string{string(body), "v2:" + s[3:], s[3:], "v1:!!", "v1:AAAA"} {
		if _, err := c.Decrypt(bad); !errors.Is(err, ErrDecrypt) {
			t.Errorf("%q: %v", bad, err)
		}
	}
}

func TestBlind(t *testing.T) {
	c := mustCipher(t, rawKey)
	a := c.Blind("11010519491231002X")
	if a != c.Blind(" 11010519491231002x ") {
		t.Error("blind index not normalised")
	}
	if a == c.Blind("210902199001011230") || a == mustCipher(t, strings.Repeat("k", 32)).Blind("11010519491231002X") {
		t.Error("blind index collides")
	}
	if strings.Contains(a, "11010519491231002X") || len(a) != 64 {
		t.Errorf("blind index %q", a)
	}
}

func TestMasks(t *testing.T) {
	for _, c := range []struct{ got, want string }{
		{MaskID("210902199001011234"), "2109**********1234"},
		{MaskID("E12345678"), "E1*****78"},
		{MaskID("123"), "***"},
		{MaskPhone("13812345678"), "138****5678"},
		{MaskPhone("+8613812345678"), "+86138****5678"},
		{MaskPhone("0418-1234567"), "0418****4567"},
		{MaskPhone("12345"), "***45"},
		{MaskName("张三"), "张*"},
		{MaskName("欧阳娜娜"), "欧***"},
		{MaskName("张"), "*"},
		{MaskEmail("zhangsan@example.com"), "z*******@example.com"},
	} {
		if c.got != c.want {
			t.Errorf("got %q, want %q", c.got, c.want)
		}
	}
}
