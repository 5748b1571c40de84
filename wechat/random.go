package wechat

import (
	"crypto/rand"
	"encoding/hex"
)

// randomString returns n hex characters from crypto/rand, used for the
// random prefix of encrypted replies and for nonces.
func randomString(n int) string {
	b := make([]byte, (n+1)/2)
	_, _ = rand.Read(b) // crypto/rand never fails on supported platforms
	return hex.EncodeToString(b)[:n]
}
