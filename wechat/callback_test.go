package wechat

import (
	"encoding/xml"
	"errors"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/silenceper/wechat/v2/officialaccount/message"
	"github.com/silenceper/wechat/v2/util"
)

const testAESKey = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG"

func testProtocol(now time.Time) Protocol {
	return Protocol{Token: "tok", AppID: "wxapp", AESKey: testAESKey, Window: 5 * time.Minute, Now: func() time.Time { return now }}
}

func signed(p Protocol, ts time.Time) Params {
	t := strconv.FormatInt(ts.Unix(), 10)
	return Params{Timestamp: t, Nonce: "n0nce", Signature: util.Signature(p.Token, t, "n0nce")}
}

func TestVerify(t *testing.T) {
	now := time.Unix(1_700_000_000, 0)
	p := testProtocol(now)
	good := signed(p, now)
	if err := p.Verify(good); err != nil {
		t.Fatalf("good signature refused: %v", err)
	}
	forged := good
	forged.Signature = strings.Repeat("0", 40)
	if err := p.Verify(forged); !errors.Is(err, ErrSignature) {
		t.Fatalf("forged: %v", err)
	}
	old := signed(p, now.Add(-6*time.Minute))
	if err := p.Verify(old); !errors.Is(err, ErrStale) {
		t.Fatalf("old timestamp: %v", err)
	}
	future := signed(p, now.Add(6*time.Minute))
	if err := p.Verify(future); !errors.Is(err, ErrStale) {
		t.Fatalf("future timestamp: %v", err)
	}
	unset := p
	unset.Token = ""
	if err := unset.Verify(signed(unset, now)); !errors.Is(err, ErrSignature) {
		t.Fatalf("with no token configured anything verifies: %v", err)
	}
}

const subscribeXML = `<xml><ToUserName><![CDATA[gh_1]]></ToUserName><FromUserName><![CDATA[oUser]]></FromUserName><CreateTime>1700000000</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[subscribe]]></Event><EventKey><![CDATA[qrscene_poster]]></EventKey></xml>`

func encrypt(t *testing.T, p Protocol, q *Params, plain string) []byte {
	t.Helper()
	enc, err := util.EncryptMsg([]byte("0123456789abcdef"), []byte(plain), p.AppID, p.AESKey)
	if err != nil {
		t.Fatal(err)
	}
	q.EncryptType = "aes"
	q.MsgSignature = util.Signature(p.Token, q.Timestamp, q.Nonce, string(enc))
	return []byte("<xml><ToUserName><![CDATA[gh_1]]></ToUserName><Encrypt><![CDATA[" + string(enc) + "]]></Encrypt></xml>")
}

func TestOpenSafeModeAndSeal(t *testing.T) {
	now := time.Unix(1_700_000_000, 0)
	p := testProtocol(now)
	q := signed(p, now)
	body := encrypt(t, p, &q, subscribeXML)
	msg, err := p.Open(q, body)
	if err != nil {
		t.Fatal(err)
	}
	if msg.FromUserName != "oUser" || msg.Event != message.EventSubscribe || msg.EventKey != "qrscene_poster" {
		t.Fatalf("opened %+v", msg)
	}
	out, err := p.Seal(q, TextReply(msg, "欢迎"), "replynonce")
	if err != nil {
		t.Fatal(err)
	}
	var env message.ResponseEncryptedXMLMsg
	if err := xml.Unmarshal(out, &env); err != nil {
		t.Fatal(err)
	}
	if env.MsgSignature != util.Signature(p.Token, strconv.FormatInt(env.Timestamp, 10), env.Nonce, env.EncryptedMsg) {
		t.Fatal("reply msg_signature does not verify")
	}
	_, plain, err := util.DecryptMsg(p.AppID, env.EncryptedMsg, p.AESKey)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(plain), "<ToUserName><![CDATA[oUser]]></ToUserName>") || !strings.Contains(string(plain), "欢迎") {
		t.Fatalf("reply %s", plain)
	}
	if got, _ := p.Seal(q, nil, "x"); string(got) != "success" {
		t.Fatalf("nil reply in safe mode = %q, want success", got)
	}
}

func TestOpenRefusesBadInput(t *testing.T) {
	now := time.Unix(1_700_000_000, 0)
	p := testProtocol(now)
	cases := map[string]struct {
		body string
		aes  bool
		want error
	}{
		"broken xml":        {body: "<xml><FromUserName>", want: ErrMalformed},
		"doctype":           {body: `<!DOCTYPE x [<!ENTITY a "b">]><xml><FromUserName>&a;</FromUserName><MsgType>text</MsgType></xml>`, want: ErrMalformed},
		"missing sender":    {body: `<xml><MsgType>text</MsgType></xml>`, want: ErrMalformed},
		"tampered cipher":   {body: subscribeXML, aes: true, want: ErrSignature},
		"plain in aes mode": {body: subscribeXML, want: ErrMalformed},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			q := signed(p, now)
			body := []byte(c.body)
			if c.aes {
				body = encrypt(t, p, &q, c.body)
				body = []byte(strings.Replace(string(body), "<Encrypt><![CDATA[", "<Encrypt><![CDATA[AAAA", 1))
			}
			if name == "plain in aes mode" {
				q.EncryptType = "aes"
			}
			if _, err := p.Open(q, body); !errors.Is(err, c.want) {
				t.Fatalf("got %v, want %v", err, c.want)
			}
		})
	}
}

func TestDedupeKey(t *testing.T) {
	text := &message.MixMessage{MsgID: 42}
	if DedupeKey(text) != "m:42" {
		t.Fatal(DedupeKey(text))
	}
	ev := &message.MixMessage{}
	ev.FromUserName, ev.CreateTime, ev.Event, ev.EventKey = "o1", 100, message.EventClick, "COLUMN:dangshi"
	other := *ev
	other.EventKey = "COLUMN:tuopin"
	if DedupeKey(ev) == DedupeKey(&other) {
		t.Fatal("two clicks on different keys in the same second must differ")
	}
	again := *ev
	if DedupeKey(ev) != DedupeKey(&again) {
		t.Fatal("a retry must have the same key")
	}
}
