// Package pii protects personal data at rest: ID and phone numbers are
// stored encrypted under a data key from configuration, searched through a
// keyed blind index, and shown masked in lists, exports and logs.
package pii

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/hkdf"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
)

// KeySize is the data key length: AES-256.
const KeySize = 32

// version tags the ciphertext format so the key or algorithm can be rotated
// later while old rows stay readable.
const version = "v1:"

// blindInfo separates the blind-index key from the encryption key, so that
// neither use of the data key can leak the other.
const blindInfo = "govmp pii blind index v1"

// ErrDecrypt is returned for ciphertext that is malformed, tampered with or
// encrypted under another key. It never says which, to give nothing away.
var ErrDecrypt = errors.New("pii: cannot decrypt (wrong key or damaged data)")

// Cipher encrypts and blinds personal data. It is safe for concurrent use.
type Cipher struct {
	aead     cipher.AEAD
	blindKey []byte
}

// NewCipher builds a Cipher from the configured data key: 32 raw bytes, or 32
// bytes written as hex or base64 (standard or URL alphabet, padded or not).
// Anything else is refused with the reason, never silently padded or
// truncated, since a wrong key would make every stored number unreadable.
func NewCipher(key string) (*Cipher, error) {
	raw, err := parseKey(key)
	if err != nil {
		return nil, err
	}
	block, err := aes.NewCipher(raw)
	if err != nil {
		return nil, fmt.Errorf("pii: %w", err)
	}
	aead, err := cipher.NewGCM(block)
	if err != nil {
		return nil, fmt.Errorf("pii: %w", err)
	}
	bk, err := hkdf.Key(sha256.New, raw, nil, blindInfo, KeySize)
	if err != nil {
		return nil, fmt.Errorf("pii: %w", err)
	}
	return &Cipher{aead: aead, blindKey: bk}, nil
}

// parseKey decodes the configured key.
func parseKey(key string) ([]byte, error) {
	if key == "" {
		return nil, errors.New("pii: data key is empty")
	}
	if len(key) == KeySize {
		return []byte(key), nil
	}
	k := strings.TrimSpace(key)
	if len(k) == 2*KeySize {
		if b, err := hex.DecodeString(k); err == nil {
			return b, nil
		}
	}
	encs := []*base64.Encoding{base64.StdEncoding, base64.RawStdEncoding, base64.URLEncoding, base64.RawURLEncoding}
	for _, enc := range encs {
		b, err := enc.DecodeString(k)
		if err != nil {
			continue
		}
		if len(b) == KeySize {
			return b, nil
		}
		return nil, fmt.Errorf("pii: data key decodes from base64 to %d bytes, need %d", len(b), KeySize)
	}
	return nil, fmt.Errorf("pii: data key must be %d raw bytes, %d hex digits or base64 of %d bytes; got %d characters that are none of these",
		KeySize, 2*KeySize, KeySize, len(key))
}

// Encrypt seals plain with AES-256-GCM under a fresh random nonce and returns
// "v1:" followed by base64 of nonce and ciphertext. The same number encrypts
// differently each time, so equal values cannot be spotted in the table; use
// Blind to find them. An empty value stays empty, so optional fields need no
// special casing.
func (c *Cipher) Encrypt(plain string) (string, error) {
	if plain == "" {
		return "", nil
	}
	nonce := make([]byte, c.aead.NonceSize())
	if _, err := rand.Read(nonce); err != nil {
		return "", fmt.Errorf("pii: nonce: %w", err)
	}
	// The version tag is authenticated too, so it cannot be swapped.
	sealed := c.aead.Seal(nonce, nonce, []byte(plain), []byte(version))
	return version + base64.StdEncoding.EncodeToString(sealed), nil
}

// Decrypt opens a value made by Encrypt. The empty string decrypts to itself.
func (c *Cipher) Decrypt(s string) (string, error) {
	if s == "" {
		return "", nil
	}
	body, ok := strings.CutPrefix(s, version)
	if !ok {
		return "", ErrDecrypt
	}
	sealed, err := base64.StdEncoding.DecodeString(body)
	ns := c.aead.NonceSize()
	if err != nil || len(sealed) < ns+c.aead.Overhead() {
		return "", ErrDecrypt
	}
	plain, err := c.aead.Open(nil, sealed[:ns], sealed[ns:], []byte(version))
	if err != nil {
		return "", ErrDecrypt
	}
	return string(plain), nil
}

// Blind returns a deterministic keyed digest (HMAC-SHA256, hex) of the value
// after trimming spaces and upper-casing, so that "…123x" and "…123X" match.
// Store it beside the ciphertext to look up or deduplicate an ID number
// without keeping it in clear; without the data key it cannot be reversed
// by trying all possible numbers.
func (c *Cipher) Blind(plain string) string {
	m := hmac.New(sha256.New, c.blindKey)
	m.Write([]byte(strings.ToUpper(strings.TrimSpace(plain))))
	return hex.EncodeToString(m.Sum(nil))
}
