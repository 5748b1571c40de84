package wechattest

import (
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"
)

const (
	testToken  = "govmptoken"
	testAESKey = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG"
	testAppID  = "wxfake0000000001"
)

// Vectors published with WeChat's message-encryption sample code.
func TestPublishedVectors(t *testing.T) {
	got, err := encryptWith(testAESKey, "wxb11529c136998cb6", []byte("aaaabbbbccccdddd"), []byte("我是中文abcd123"))
	want := "jn1L23DB+6ELqJ+6bruv21Y6MD7KeIfP82D6gU39rmkgczbWwt5+3bnyg5K55bgVtVzd832WzZGMhkP72vVOfg=="
	if err != nil || got != want {
		t.Fatalf("encrypt = %q, %v", got, err)
	}
	enc := "hyzAe4OzmOMbd6TvGdIOO6uBmdJoD0Fk53REIHvxYtJlE2B655HuD0m8KUePWB3+LrPXo87wzQ1QLvbeUgmBM4x6F8PGHQHFVAFmOD2LdJF9FrXpbUAh0B5GIItb52sn896wVsMSHGuPE328HnRGBcrS7C41IzDWyWNlZkyyXwon8T332jisa+h6tEDYsVticbSnyU8dKOIbgU6ux5VTjg3yt+WGzjlpKn6NPhRjpA912xMezR4kw6KWwMrCVKSVCZciVGCgavjIQ6X8tCOp3yZbGpy0VxpAe+77TszTfRd5RJSVO/HTnifJpXgCSUdUue1v6h0EIBYYI1BD1DlD+C0CR8e6OewpusjZ4uBl9FyJvnhvQl+q5rv1ixrcpCumEPo5MJSgM9ehVsNPfUM669WuMyVWQLCzpu9GhglF2PE="
	if sig := Signature("spamtest", "1409735669", "1320562132", enc); sig != "5d197aaffba7e9b25a30732f161a50dee96bd5fa" {
		t.Fatalf("msg_signature = %s", sig)
	}
	plain, err := Decrypt(testAESKey, "wx2c2769f8efd9abc2", enc)
	if err != nil || !bytes.Contains(plain, []byte("<Content><![CDATA[abcdteT]]></Content>")) {
		t.Fatalf("decrypt = %q, %v", plain, err)
	}
	if _, err := Decrypt(testAESKey, testAppID, enc); !errors.Is(err, ErrAppID) {
		t.Fatalf("another appid must be refused, got %v", err)
	}
}

func TestEncryptDecryptSymmetry(t *testing.T) {
	for _, n := range []int{0, 1, 11, 12, 43, 44, 1000} { // around the 32-byte padding edges
		msg := bytes.Repeat([]byte("政"), n)
		enc, err := Encrypt(testAESKey, testAppID, msg)
		if err != nil {
			t.Fatal(err)
		}
		got, err := Decrypt(testAESKey, testAppID, enc)
		if err != nil || !bytes.Equal(got, msg) {
			t.Fatalf("n=%d: %v", n, err)
		}
	}
	if _, err := Encrypt("short", testAppID, nil); !errors.Is(err, ErrAESKey) {
		t.Fatalf("bad key: %v", err)
	}
}

// product is a minimal callback endpoint written from the protocol: it
// checks both signatures, decrypts, and answers an encrypted text echo.
type product struct {
	tamper  bool
	lastMsg []byte
}

func (p *product) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	if Signature(testToken, q.Get("timestamp"), q.Get("nonce")) != q.Get("signature") {
		http.Error(w, "bad signature", http.StatusForbidden)
		return
	}
	if r.Method == http.MethodGet {
		_, _ = io.WriteString(w, q.Get("echostr"))
		return
	}
	body, _ := io.ReadAll(r.Body)
	var env struct{ Encrypt string }
	if err := xml.Unmarshal(body, &env); err != nil || q.Get("encrypt_type") != "aes" {
		http.Error(w, "bad body", http.StatusBadRequest)
		return
	}
	if Signature(testToken, q.Get("timestamp"), q.Get("nonce"), env.Encrypt) != q.Get("msg_signature") {
		http.Error(w, "bad msg_signature", http.StatusForbidden)
		return
	}
	plain, err := Decrypt(testAESKey, testAppID, env.Encrypt)
	var in struct{ FromUserName, ToUserName, MsgType, Content, Event string }
	if err != nil || xml.Unmarshal(plain, &in) != nil {
		http.Error(w, "bad message", http.StatusBadRequest)
		return
	}
	p.lastMsg = plain
	if in.MsgType == "event" {
		_, _ = io.WriteString(w, "success")
		return
	}
	reply := Message{ToUserName: in.FromUserName, FromUserName: in.ToUserName, CreateTime: 1, MsgType: "text",
		Fields: []Field{text("Content", "收到："+in.Content)}}
	enc, _ := Encrypt(testAESKey, testAppID, reply.XML())
	ts, nonce := "1700000000", "123"
	sig := Signature(testToken, ts, nonce, enc)
	if p.tamper {
		sig = strings.Repeat("0", 40)
	}
	_, _ = io.WriteString(w, "<xml><Encrypt><![CDATA["+enc+"]]></Encrypt><MsgSignature><![CDATA["+sig+
		"]]></MsgSignature><TimeStamp>"+ts+"</TimeStamp><Nonce><![CDATA["+nonce+"]]></Nonce></xml>")
}

func newClient(t *testing.T, p *product, fake *Server, clk *Clock) *CallbackClient {
	ts := httptest.NewServer(p)
	t.Cleanup(ts.Close)
	return &CallbackClient{URL: ts.URL, Token: testToken, AppID: testAppID, EncodingAESKey: testAESKey,
		Now: clk.Now, ToUserName: "gh_fake00000001", Fake: fake}
}

func TestCallbackRoundTrip(t *testing.T) {
	fake, clk := newFake(t)
	p := &product{}
	c := newClient(t, p, fake, clk)
	ctx := context.Background()
	status, body, err := c.Verify(ctx)
	if err != nil || status != http.StatusOK || len(body) < 10 {
		t.Fatalf("verify: %d %q %v", status, body, err)
	}
	r, err := c.Post(ctx, c.Text("oUSER1", "申请进度", 6054768590064713728))
	if err != nil {
		t.Fatal(err)
	}
	if !r.Encrypted || r.MsgType != "text" || r.Content != "收到：申请进度" || r.ToUserName != "oUSER1" {
		t.Fatalf("reply: %+v", r)
	}
	if !bytes.Contains(p.lastMsg, []byte("<MsgId>6054768590064713728</MsgId>")) {
		t.Fatalf("sent: %s", p.lastMsg)
	}
	if last, ok := fake.LastInteraction("oUSER1"); !ok || !last.Equal(clk.Now().Truncate(time.Second)) {
		t.Fatal("delivering a user message must open the 48-hour window in the fake")
	}
	r, err = c.Post(ctx, c.Subscribe("oUSER2", "poster"))
	if err != nil || !r.IsSuccess() {
		t.Fatalf("subscribe: %+v %v", r, err)
	}
	if f := fake.Followers(); len(f) != 2 || f[1].QRSceneStr != "poster" {
		t.Fatalf("followers: %+v", f)
	}
}

func TestTamperedReplySignatureIsRejected(t *testing.T) {
	fake, clk := newFake(t)
	c := newClient(t, &product{tamper: true}, fake, clk)
	if _, err := c.Post(context.Background(), c.Text("oUSER1", "hi", 1)); !errors.Is(err, ErrSignature) {
		t.Fatalf("want ErrSignature, got %v", err)
	}
}

func TestForgedRequestIsRefused(t *testing.T) {
	fake, clk := newFake(t)
	c := newClient(t, &product{}, fake, clk)
	q, body, err := c.Seal(c.Click("oUSER1", "COLUMN:dangshi"))
	if err != nil {
		t.Fatal(err)
	}
	q.Set("msg_signature", Signature("wrongtoken", q.Get("timestamp"), q.Get("nonce")))
	r, err := c.PostRaw(context.Background(), q, body)
	if err != nil || r.Status != http.StatusForbidden {
		t.Fatalf("forged: %+v %v", r, err)
	}
}

func TestEventXML(t *testing.T) {
	c := &CallbackClient{Now: func() time.Time { return t0 }}
	cases := []struct {
		msg  Message
		want []string
	}{
		{c.Subscribe("o1", "poster"), []string{"<Event><![CDATA[subscribe]]></Event>", "<EventKey><![CDATA[qrscene_poster]]></EventKey>", "<Ticket>"}},
		{c.Scan("o1", "poster"), []string{"<Event><![CDATA[SCAN]]></Event>", "<EventKey><![CDATA[poster]]></EventKey>"}},
		{c.PublishJobFinish(2247503051, 0, "b5O2", []string{"https://mp.weixin.qq.com/s/1"}),
			[]string{"<PublishEventInfo><publish_id>2247503051</publish_id><publish_status>0</publish_status>",
				"<article_detail><count>1</count><item><idx>1</idx><article_url><![CDATA[https://mp.weixin.qq.com/s/1]]></article_url></item></article_detail>"}},
		{c.PublishJobFinish(7, PublishRejected, "", nil), []string{"<fail_idx>1</fail_idx>"}},
		{c.MassSendJobFinish(1000000001, "send success", 10, 9, 8, 1), []string{"<MsgID>1000000001</MsgID>", "<FilterCount>9</FilterCount>"}},
		{c.Text("o1", "a]]>b", 5), []string{"<MsgId>5</MsgId>", "<CreateTime>" + strconv.FormatInt(t0.Unix(), 10) + "</CreateTime>"}},
	}
	for _, tc := range cases {
		raw := tc.msg.XML()
		for _, w := range tc.want {
			if !bytes.Contains(raw, []byte(w)) {
				t.Errorf("%s\nlacks %s", raw, w)
			}
		}
		var v struct{ Content string }
		if err := xml.Unmarshal(raw, &v); err != nil {
			t.Errorf("not well-formed: %s", raw)
		}
		if tc.msg.MsgType == "text" && v.Content != "a]]>b" {
			t.Errorf("CDATA split broke the content: %q", v.Content)
		}
	}
}
