package wechat

import (
	"errors"
	"testing"
	"time"

	"github.com/silenceper/wechat/v2/util"
)

// FuzzCallback drives the callback's parsing and decryption with arbitrary
// input. Whatever arrives, Open must return a message or one of the
// protocol errors, never panic. mode picks the path: 0 a plain body, 1 an
// arbitrary Encrypt field with a valid msg_signature (the decryption path),
// 2 an arbitrary plaintext properly encrypted (XML parsing after decryption).
func FuzzCallback(f *testing.F) {
	f.Add(byte(0), []byte(subscribeXML))
	f.Add(byte(0), []byte(`<xml><FromUserName>o</FromUserName><MsgType>text</MsgType><Content>x</Content><MsgId>1</MsgId></xml>`))
	f.Add(byte(0), []byte(`<!DOCTYPE x [<!ENTITY a "b">]><xml/>`))
	f.Add(byte(1), []byte("AAAA"))
	f.Add(byte(1), []byte("not base64 at all"))
	f.Add(byte(2), []byte(subscribeXML))
	f.Add(byte(2), []byte("<xml><FromUserName>"))
	now := time.Unix(1_700_000_000, 0)
	p := testProtocol(now)
	f.Fuzz(func(t *testing.T, mode byte, data []byte) {
		q := signed(p, now)
		body := data
		switch mode % 3 {
		case 1:
			q.EncryptType = "aes"
			q.MsgSignature = util.Signature(p.Token, q.Timestamp, q.Nonce, string(data))
			body = []byte("<xml><Encrypt><![CDATA[" + string(data) + "]]></Encrypt></xml>")
		case 2:
			enc, err := util.EncryptMsg([]byte("0123456789abcdef"), data, p.AppID, p.AESKey)
			if err != nil {
				return
			}
			q.EncryptType = "aes"
			q.MsgSignature = util.Signature(p.Token, q.Timestamp, q.Nonce, string(enc))
			body = []byte("<xml><Encrypt><![CDATA[" + string(enc) + "]]></Encrypt></xml>")
		}
		msg, err := p.Open(q, body)
		if err != nil {
			if !errors.Is(err, ErrMalformed) && !errors.Is(err, ErrSignature) {
				t.Fatalf("unexpected error type: %v", err)
			}
			return
		}
		if msg.FromUserName == "" || DedupeKey(msg) == "" {
			t.Fatalf("accepted a message without sender or key: %+v", msg)
		}
		if _, err := p.Seal(q, TextReply(msg, "ok"), "n"); err != nil {
			t.Fatalf("seal: %v", err)
		}
	})
}
