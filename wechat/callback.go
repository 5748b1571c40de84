// Package wechat is the only importer of silenceper/wechat/v2. It speaks
// WeChat's callback protocol (signatures, safe-mode encryption, XML), routes
// messages to the domain, and calls WeChat's API with a shared access token.
package wechat

import (
	"bytes"
	"crypto/subtle"
	"encoding/xml"
	"errors"
	"math"
	"strconv"
	"time"

	"github.com/silenceper/wechat/v2/officialaccount/message"
	"github.com/silenceper/wechat/v2/util"
)

// Protocol errors; the handler maps each to an HTTP status.
var (
	ErrSignature = errors.New("wechat: signature mismatch")
	ErrStale     = errors.New("wechat: timestamp outside the accepted window")
	ErrMalformed = errors.New("wechat: malformed message")
)

// Params are the query parameters WeChat puts on a callback URL.
type Params struct {
	Signature, Timestamp, Nonce, EchoStr, EncryptType, MsgSignature string
}

// Protocol checks and opens callbacks for one account.
type Protocol struct {
	Token  string
	AppID  string
	AESKey string
	Window time.Duration
	Now    func() time.Time
}

// Verify checks the URL signature (in constant time) and that the timestamp
// is within Window of now, so an old captured request cannot be replayed.
// Without a configured token every signature would be forgeable, so nothing
// is accepted then.
func (p Protocol) Verify(q Params) error {
	if p.Token == "" {
		return ErrSignature
	}
	want := util.Signature(p.Token, q.Timestamp, q.Nonce)
	if subtle.ConstantTimeCompare([]byte(want), []byte(q.Signature)) != 1 {
		return ErrSignature
	}
	ts, err := strconv.ParseInt(q.Timestamp, 10, 64)
	if err != nil {
		return ErrSignature
	}
	if math.Abs(p.Now().Sub(time.Unix(ts, 0)).Seconds()) > p.Window.Seconds() {
		return ErrStale
	}
	return nil
}

// envelope is the body of a safe-mode callback.
type envelope struct {
	XMLName    xml.Name `xml:"xml"`
	ToUserName string   `xml:"ToUserName"`
	Encrypt    string   `xml:"Encrypt"`
}

// Open returns the message in body, decrypting it in safe mode. Compatible
// mode carries both plain fields and Encrypt; we read the encrypted part
// whenever encrypt_type=aes, so a forged plain part is ignored.
func (p Protocol) Open(q Params, body []byte) (*message.MixMessage, error) {
	raw := body
	if q.EncryptType == "aes" {
		if p.AESKey == "" {
			return nil, ErrMalformed
		}
		var env envelope
		if err := decodeXML(body, &env); err != nil || env.Encrypt == "" {
			return nil, ErrMalformed
		}
		want := util.Signature(p.Token, q.Timestamp, q.Nonce, env.Encrypt)
		if subtle.ConstantTimeCompare([]byte(want), []byte(q.MsgSignature)) != 1 {
			return nil, ErrSignature
		}
		_, plain, err := util.DecryptMsg(p.AppID, env.Encrypt, p.AESKey)
		if err != nil {
			return nil, ErrSignature // wrong key or appid: not from our WeChat
		}
		raw = plain
	}
	var msg message.MixMessage
	if err := decodeXML(raw, &msg); err != nil {
		return nil, ErrMalformed
	}
	if msg.FromUserName == "" || msg.MsgType == "" {
		return nil, ErrMalformed
	}
	return &msg, nil
}

// decodeXML refuses DOCTYPE and entity declarations: WeChat never sends
// them, and they are how XML bombs and external-entity tricks start.
func decodeXML(b []byte, v any) error {
	if bytes.Contains(b, []byte("<!")) && (bytes.Contains(b, []byte("<!DOCTYPE")) || bytes.Contains(b, []byte("<!ENTITY"))) {
		return ErrMalformed
	}
	dec := xml.NewDecoder(bytes.NewReader(b))
	dec.Strict = true
	return dec.Decode(v)
}

// Seal turns a reply into the response body: plain XML, or in safe mode the
// encrypted envelope with its msg_signature. A nil reply is "success", which
// tells WeChat to do nothing (an encrypted empty message would not).
func (p Protocol) Seal(q Params, reply any, nonce string) ([]byte, error) {
	if reply == nil {
		return []byte("success"), nil
	}
	plain, err := xml.Marshal(reply)
	if err != nil {
		return nil, err
	}
	if q.EncryptType != "aes" {
		return plain, nil
	}
	cipher, err := util.EncryptMsg([]byte(randomString(16)), plain, p.AppID, p.AESKey)
	if err != nil {
		return nil, err
	}
	now := p.Now().Unix()
	out := message.ResponseEncryptedXMLMsg{
		EncryptedMsg: string(cipher),
		MsgSignature: util.Signature(p.Token, strconv.FormatInt(now, 10), nonce, string(cipher)),
		Timestamp:    now,
		Nonce:        nonce,
	}
	return xml.Marshal(out)
}
