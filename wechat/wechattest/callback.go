package wechattest

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/xml"
	"fmt"
	"io"
	"math/big"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// maxReply caps how much of a reply the client reads; WeChat would give up
// on anything this large anyway.
const maxReply = 1 << 20

// CallbackClient plays WeChat calling the product's callback URL. It signs
// and, when EncodingAESKey is set, encrypts exactly as the published
// protocol describes, and checks encrypted replies the same way.
type CallbackClient struct {
	URL            string // the product's callback endpoint
	Token          string
	AppID          string
	EncodingAESKey string // empty: plain mode
	// Compat sends compatible mode: the plain fields and Encrypt together.
	Compat     bool
	HTTP       *http.Client     // nil: http.DefaultClient
	Now        func() time.Time // nil: time.Now
	ToUserName string           // the account's gh_ id; default gh_fake00000001
	// Fake, when set, learns of every user message or event delivered, so
	// its 48-hour customer-message window and follower list follow along.
	Fake *Server
}

func (c *CallbackClient) now() time.Time {
	if c.Now == nil {
		return time.Now()
	}
	return c.Now()
}

func (c *CallbackClient) toUser() string {
	if c.ToUserName == "" {
		return "gh_fake00000001"
	}
	return c.ToUserName
}

func (c *CallbackClient) client() *http.Client {
	if c.HTTP == nil {
		return http.DefaultClient
	}
	return c.HTTP
}

// Nonce returns a random numeric nonce like WeChat's.
func Nonce() string {
	n, _ := rand.Int(rand.Reader, big.NewInt(1e10)) // crypto/rand does not fail on supported platforms
	return n.String()
}

// SignedQuery returns signature, timestamp and nonce for the client's
// token at the client's now.
func (c *CallbackClient) SignedQuery() url.Values {
	ts := strconv.FormatInt(c.now().Unix(), 10)
	nonce := Nonce()
	return url.Values{
		"signature": {Signature(c.Token, ts, nonce)},
		"timestamp": {ts},
		"nonce":     {nonce},
	}
}

// Verify performs the URL verification handshake (GET with echostr) and
// returns what the server answered; a correct server echoes echostr.
func (c *CallbackClient) Verify(ctx context.Context) (status int, body string, err error) {
	q := c.SignedQuery()
	q.Set("echostr", Nonce()+Nonce())
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, c.URL+"?"+q.Encode(), nil)
	if err != nil {
		return 0, "", err
	}
	resp, err := c.client().Do(req)
	if err != nil {
		return 0, "", err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(io.LimitReader(resp.Body, maxReply))
	return resp.StatusCode, string(b), err
}

// Seal returns the query and body for msg as WeChat would post it.
func (c *CallbackClient) Seal(msg Message) (url.Values, []byte, error) {
	q := c.SignedQuery()
	q.Set("openid", msg.FromUserName)
	plain := msg.XML()
	if c.EncodingAESKey == "" {
		return q, plain, nil
	}
	enc, err := Encrypt(c.EncodingAESKey, c.AppID, plain)
	if err != nil {
		return nil, nil, err
	}
	q.Set("encrypt_type", "aes")
	q.Set("msg_signature", Signature(c.Token, q.Get("timestamp"), q.Get("nonce"), enc))
	encField := "<Encrypt><![CDATA[" + enc + "]]></Encrypt>"
	if c.Compat {
		return q, bytes.Replace(plain, []byte("</xml>"), []byte(encField+"</xml>"), 1), nil
	}
	body := "<xml><ToUserName><![CDATA[" + msg.ToUserName + "]]></ToUserName>" + encField + "</xml>"
	return q, []byte(body), nil
}

// Post delivers msg and returns the product's reply, decrypted and checked
// when encrypted. A non-2xx status is not an error: it is in Reply.Status.
func (c *CallbackClient) Post(ctx context.Context, msg Message) (*Reply, error) {
	c.notifyFake(msg)
	q, body, err := c.Seal(msg)
	if err != nil {
		return nil, err
	}
	return c.PostRaw(ctx, q, body)
}

// PostRaw posts body with query as is, for tests that forge or break the
// signature, the XML or the encryption. The reply is still checked.
func (c *CallbackClient) PostRaw(ctx context.Context, query url.Values, body []byte) (*Reply, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.URL+"?"+query.Encode(), bytes.NewReader(body))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", "text/xml")
	resp, err := c.client().Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(io.LimitReader(resp.Body, maxReply))
	if err != nil {
		return nil, err
	}
	r := &Reply{Status: resp.StatusCode, Body: raw}
	if resp.StatusCode/100 != 2 {
		return r, nil
	}
	return r, c.openReply(r)
}

// notifyFake tells the fake about a user's action; the job-finish events
// come from WeChat itself and open no window.
func (c *CallbackClient) notifyFake(msg Message) {
	if c.Fake == nil || msg.FromUserName == HelperOpenID {
		return
	}
	t := time.Unix(msg.CreateTime, 0)
	switch msg.Event() {
	case "subscribe":
		c.Fake.Subscribe(msg.FromUserName, strings.TrimPrefix(msg.Get("EventKey"), "qrscene_"), t)
	case "unsubscribe":
		c.Fake.Unsubscribe(msg.FromUserName)
	default:
		c.Fake.Touch(msg.FromUserName, t)
	}
}

// ReplyArticle is one item of a news reply.
type ReplyArticle struct {
	Title       string `xml:"Title"`
	Description string `xml:"Description"`
	PicURL      string `xml:"PicUrl"`
	URL         string `xml:"Url"`
}

// Reply is the product's answer to a callback.
type Reply struct {
	Status    int
	Body      []byte // as received
	Encrypted bool
	Plain     []byte // the reply XML, decrypted when it was encrypted

	ToUserName   string
	FromUserName string
	CreateTime   int64
	MsgType      string
	Content      string
	MediaID      string
	ArticleCount int
	Articles     []ReplyArticle
}

// IsSuccess reports a "do nothing" answer: "success" or an empty body.
func (r *Reply) IsSuccess() bool {
	b := bytes.TrimSpace(r.Body)
	return len(b) == 0 || string(b) == "success"
}

type replyXML struct {
	ToUserName   string         `xml:"ToUserName"`
	FromUserName string         `xml:"FromUserName"`
	CreateTime   int64          `xml:"CreateTime"`
	MsgType      string         `xml:"MsgType"`
	Content      string         `xml:"Content"`
	ImageMediaID string         `xml:"Image>MediaId"`
	ArticleCount int            `xml:"ArticleCount"`
	Articles     []ReplyArticle `xml:"Articles>item"`
	Encrypt      string         `xml:"Encrypt"`
	MsgSignature string         `xml:"MsgSignature"`
	TimeStamp    string         `xml:"TimeStamp"`
	Nonce        string         `xml:"Nonce"`
}

// openReply verifies and decrypts an encrypted reply, then parses it.
func (c *CallbackClient) openReply(r *Reply) error {
	if r.IsSuccess() {
		return nil
	}
	var x replyXML
	if err := xml.Unmarshal(r.Body, &x); err != nil {
		return fmt.Errorf("wechattest: reply is not XML: %w", err)
	}
	r.Plain = r.Body
	if x.Encrypt != "" {
		if Signature(c.Token, x.TimeStamp, x.Nonce, x.Encrypt) != x.MsgSignature {
			return ErrSignature
		}
		plain, err := Decrypt(c.EncodingAESKey, c.AppID, x.Encrypt)
		if err != nil {
			return err
		}
		r.Encrypted, r.Plain, x = true, plain, replyXML{}
		if err := xml.Unmarshal(plain, &x); err != nil {
			return fmt.Errorf("wechattest: decrypted reply is not XML: %w", err)
		}
	}
	r.ToUserName, r.FromUserName, r.CreateTime = x.ToUserName, x.FromUserName, x.CreateTime
	r.MsgType, r.Content, r.MediaID = x.MsgType, x.Content, x.ImageMediaID
	r.ArticleCount, r.Articles = x.ArticleCount, x.Articles
	return nil
}
