package wechattest

import (
	"bytes"
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"crypto/sha1"
	"encoding/base64"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"sort"
	"strings"
)

// Errors from opening an encrypted message.
var (
	ErrAESKey    = errors.New("wechattest: EncodingAESKey must be 43 base64 characters")
	ErrCipher    = errors.New("wechattest: ciphertext is malformed")
	ErrAppID     = errors.New("wechattest: message is for another appid")
	ErrSignature = errors.New("wechattest: signature mismatch")
)

// padBlock is the PKCS#7 block size WeChat uses: 32 bytes, not AES's 16.
const padBlock = 32

// Signature is WeChat's signature: hex SHA-1 of the parts sorted and
// joined. With (token, timestamp, nonce) it signs a callback URL; adding the
// Encrypt text gives msg_signature.
func Signature(parts ...string) string {
	p := append([]string(nil), parts...)
	sort.Strings(p)
	sum := sha1.Sum([]byte(strings.Join(p, "")))
	return hex.EncodeToString(sum[:])
}

// aesKey decodes an EncodingAESKey: 43 base64 characters plus "=" make the
// 32-byte AES-256 key.
func aesKey(encodingAESKey string) ([]byte, error) {
	key, err := base64.StdEncoding.DecodeString(encodingAESKey + "=")
	if err != nil || len(key) != 32 {
		return nil, ErrAESKey
	}
	return key, nil
}

// Encrypt seals msg for appID the way WeChat does: 16 random bytes, the
// 4-byte big-endian length of msg, msg, appID; PKCS#7 to 32 bytes;
// AES-256-CBC with IV = key[:16]; base64.
func Encrypt(encodingAESKey, appID string, msg []byte) (string, error) {
	random := make([]byte, 16)
	_, _ = rand.Read(random) // crypto/rand does not fail on supported platforms
	return encryptWith(encodingAESKey, appID, random, msg)
}

// encryptWith is Encrypt with the random prefix given, so a published test
// vector can be reproduced exactly.
func encryptWith(encodingAESKey, appID string, random, msg []byte) (string, error) {
	key, err := aesKey(encodingAESKey)
	if err != nil {
		return "", err
	}
	var plain bytes.Buffer
	plain.Write(random)
	_ = binary.Write(&plain, binary.BigEndian, uint32(len(msg)))
	plain.Write(msg)
	plain.WriteString(appID)
	n := padBlock - plain.Len()%padBlock
	plain.Write(bytes.Repeat([]byte{byte(n)}, n))

	block, err := aes.NewCipher(key)
	if err != nil {
		return "", err
	}
	out := make([]byte, plain.Len())
	cipher.NewCBCEncrypter(block, key[:aes.BlockSize]).CryptBlocks(out, plain.Bytes())
	return base64.StdEncoding.EncodeToString(out), nil
}

// Decrypt opens a message sealed by Encrypt and checks it names appID.
func Decrypt(encodingAESKey, appID, encrypted string) ([]byte, error) {
	msg, gotAppID, err := decrypt(encodingAESKey, encrypted)
	if err != nil {
		return nil, err
	}
	if gotAppID != appID {
		return nil, ErrAppID
	}
	return msg, nil
}

// decrypt returns the message and the appid sealed with it.
func decrypt(encodingAESKey, encrypted string) ([]byte, string, error) {
	key, err := aesKey(encodingAESKey)
	if err != nil {
		return nil, "", err
	}
	raw, err := base64.StdEncoding.DecodeString(encrypted)
	if err != nil || len(raw) == 0 || len(raw)%aes.BlockSize != 0 {
		return nil, "", ErrCipher
	}
	block, err := aes.NewCipher(key)
	if err != nil {
		return nil, "", err
	}
	plain := make([]byte, len(raw))
	cipher.NewCBCDecrypter(block, key[:aes.BlockSize]).CryptBlocks(plain, raw)
	n := int(plain[len(plain)-1])
	if n < 1 || n > padBlock || n > len(plain) {
		return nil, "", ErrCipher
	}
	plain = plain[:len(plain)-n]
	if len(plain) < 20 {
		return nil, "", ErrCipher
	}
	size := int(binary.BigEndian.Uint32(plain[16:20]))
	if size > len(plain)-20 {
		return nil, "", ErrCipher
	}
	return plain[20 : 20+size], string(plain[20+size:]), nil
}
