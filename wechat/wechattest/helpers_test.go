package wechattest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"
)

// t0 is a Monday morning in Beijing, far from any day boundary.
var t0 = time.Date(2026, 3, 2, 10, 0, 0, 0, beijing)

// newFake starts a fake on a stopped clock and closes it after the test.
func newFake(t *testing.T, opts ...Option) (*Server, *Clock) {
	t.Helper()
	clk := NewClock(t0)
	s := NewServer(append([]Option{WithClock(clk.Now)}, opts...)...).Start()
	t.Cleanup(s.Close)
	return s, clk
}

// do sends one API request and returns the decoded JSON and the raw body.
// body may be nil, a []byte, or anything JSON-encodable.
func do(t *testing.T, s *Server, method, path string, q url.Values, body any) (map[string]any, []byte) {
	t.Helper()
	var rd io.Reader
	ctype := "application/json"
	switch b := body.(type) {
	case nil:
	case multipartBody:
		rd, ctype = bytes.NewReader(b.data), b.ctype
	default:
		j, err := json.Marshal(b)
		if err != nil {
			t.Fatal(err)
		}
		rd = bytes.NewReader(j)
	}
	req, err := http.NewRequest(method, s.URL()+path+"?"+q.Encode(), rd)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", ctype)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK {
		return map[string]any{"http_status": resp.StatusCode}, raw
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var m map[string]any
	if err := dec.Decode(&m); err != nil {
		t.Fatalf("%s: not JSON: %s", path, raw)
	}
	return m, raw
}

// api is a call with a token; GET when body is nil.
func api(t *testing.T, s *Server, tok, path string, body any) map[string]any {
	t.Helper()
	method := http.MethodPost
	if body == nil {
		method = http.MethodGet
	}
	m, _ := do(t, s, method, path, url.Values{"access_token": {tok}}, body)
	return m
}

// code returns errcode, treating its absence as 0 as WeChat's clients must.
func code(m map[string]any) int {
	if n, ok := m["errcode"].(json.Number); ok {
		v, _ := n.Int64()
		return int(v)
	}
	return 0
}

func wantCode(t *testing.T, m map[string]any, want int) {
	t.Helper()
	if got := code(m); got != want {
		t.Fatalf("errcode = %d, want %d (%v)", got, want, m)
	}
	if want != 0 && !strings.Contains(fmt.Sprint(m["errmsg"]), " rid: ") {
		t.Fatalf("errmsg %q lacks the rid suffix", m["errmsg"])
	}
}

func num64(t *testing.T, v any) int64 {
	t.Helper()
	n, ok := v.(json.Number)
	if !ok {
		t.Fatalf("%v (%T) is not a JSON number", v, v)
	}
	i, err := n.Int64()
	if err != nil {
		t.Fatal(err)
	}
	return i
}

// stableToken fetches a token the way the product does.
func stableToken(t *testing.T, s *Server) string {
	t.Helper()
	m, _ := do(t, s, http.MethodPost, "/cgi-bin/stable_token", nil, map[string]any{
		"grant_type": "client_credential", "appid": s.AppID(), "secret": s.AppSecret()})
	tok, _ := m["access_token"].(string)
	if tok == "" {
		t.Fatalf("no token: %v", m)
	}
	return tok
}

type multipartBody struct {
	data  []byte
	ctype string
}

// file builds a multipart body with the file in field "media".
func file(t *testing.T, name string, size int) multipartBody {
	t.Helper()
	var b bytes.Buffer
	w := multipart.NewWriter(&b)
	fw, err := w.CreateFormFile("media", name)
	if err != nil {
		t.Fatal(err)
	}
	_, _ = fw.Write(bytes.Repeat([]byte{0xff}, size))
	_ = w.Close()
	return multipartBody{data: b.Bytes(), ctype: w.FormDataContentType()}
}

// upload adds a permanent image and returns its media_id.
func upload(t *testing.T, s *Server, tok string) string {
	t.Helper()
	m, _ := do(t, s, http.MethodPost, "/cgi-bin/material/add_material",
		url.Values{"access_token": {tok}, "type": {"image"}}, file(t, "cover.jpg", 2048))
	wantCode(t, m, 0)
	return m["media_id"].(string)
}

// addDraft adds a one-article draft and returns its media_id.
func addDraft(t *testing.T, s *Server, tok, thumb string) string {
	t.Helper()
	m := api(t, s, tok, "/cgi-bin/draft/add", map[string]any{"articles": []map[string]any{{
		"title": "阜新市乡村振兴局工作动态", "content": "<p>正文</p>", "thumb_media_id": thumb}}})
	wantCode(t, m, 0)
	return m["media_id"].(string)
}
