package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/cookiejar"
	"strings"
	"testing"

	"govmp/store"
	"govmp/wechat/wechattest"
)

// apiUser is a signed-in console user talking to the JSON API.
type apiUser struct {
	t    *testing.T
	base string
	http *http.Client
	csrf string
}

func signIn(t *testing.T, st *store.Store, base, username, role string) *apiUser {
	t.Helper()
	if _, err := st.CreateUser(context.Background(), username, username, role, "correct-horse-1"); err != nil {
		t.Fatal(err)
	}
	jar, _ := cookiejar.New(nil)
	u := &apiUser{t: t, base: base, http: &http.Client{Jar: jar}}
	var out struct {
		CSRF string `json:"csrf_token"`
	}
	if code := u.do("POST", "/api/v1/login", map[string]string{"username": username, "password": "correct-horse-1"}, &out); code != 200 {
		t.Fatalf("login %s: %d", username, code)
	}
	u.csrf = out.CSRF
	return u
}

// do sends a JSON request and decodes the answer into out; it returns the status.
func (u *apiUser) do(method, path string, body, out any) int {
	u.t.Helper()
	var rd io.Reader
	if body != nil {
		b, _ := json.Marshal(body)
		rd = bytes.NewReader(b)
	}
	return u.send(method, path, "application/json", rd, out)
}

func (u *apiUser) send(method, path, ctype string, body io.Reader, out any) int {
	u.t.Helper()
	req, _ := http.NewRequest(method, u.base+path, body)
	req.Header.Set("Content-Type", ctype)
	req.Header.Set("X-CSRF-Token", u.csrf)
	resp, err := u.http.Do(req)
	if err != nil {
		u.t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	if out != nil {
		if err := json.Unmarshal(raw, out); err != nil {
			u.t.Fatalf("%s %s: %d %s", method, path, resp.StatusCode, raw)
		}
	}
	return resp.StatusCode
}

func (u *apiUser) uploadPNG() string {
	var b bytes.Buffer
	w := multipart.NewWriter(&b)
	fw, _ := w.CreateFormFile("file", "cover.png")
	fw.Write(pngBytes)
	w.Close()
	var out struct{ URL string }
	if code := u.send("POST", "/api/v1/images", w.FormDataContentType(), &b, &out); code != 201 {
		u.t.Fatalf("upload: %d", code)
	}
	return out.URL
}

var pngBytes = []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82")

type apiError struct {
	Error struct{ Code, Message string }
}

type articleOut struct {
	Article struct {
		ID           uint   `json:"id"`
		State        string `json:"state"`
		WeChatURL    string `json:"wechat_url"`
		PublishError string `json:"publish_error"`
	} `json:"article"`
}

type publicationOut struct {
	Publication struct {
		ID        uint   `json:"id"`
		Status    string `json:"status"`
		PublishID int64  `json:"publish_id"`
		MsgID     int64  `json:"msg_id"`
		Error     string `json:"error"`
	} `json:"publication"`
}

// write creates an article in the dangshi column and returns its id.
func write(t *testing.T, u *apiUser, title, body, cover string) uint {
	t.Helper()
	var out articleOut
	in := map[string]any{"title": title, "body": body, "cover_url": cover, "category_id": 5, "column_ids": []uint{1},
		"doc_no": "阜乡振发〔2021〕1号", "index_no": "11210900MB0000000X/2021-00001"}
	if code := u.do("POST", "/api/v1/articles", in, &out); code != 201 {
		t.Fatalf("create %q: %d", title, code)
	}
	return out.Article.ID
}

func action(u *apiUser, id uint, act string, body any) (int, apiError) {
	var e apiError
	code := u.do("POST", fmt.Sprintf("/api/v1/articles/%d/%s", id, act), body, &e)
	return code, e
}

// TestContentFullPath: an editor writes, a reviewer approves, the article is
// published through the fake WeChat, the finish event arrives through the
// real callback, and the article shows in its column's menu reply, in a
// search reply and on the H5 pages.
func TestContentFullPath(t *testing.T) {
	for _, b := range backends(t) {
		t.Run(b.name, func(t *testing.T) { contentFullPath(t, b) })
	}
}

func contentFullPath(t *testing.T, b backend) {
	ctx := context.Background()
	base := startServer(t, testEnv(b, map[string]string{"GOVMP_PUBLIC_URL": "http://govmp.test"}))
	st := openStore(t, b.dsn)
	ed, rev, boss := signIn(t, st, base, "ed", "editor"), signIn(t, st, base, "rev", "reviewer"), signIn(t, st, base, "boss", "admin")
	cover := ed.uploadPNG()
	body := `<p>学习党史，<img src="` + cover + `" onerror="alert(1)"></p><script>alert(2)</script>`
	id := write(t, ed, "党史学习教育动员会召开", body, cover)

	secret := write(t, ed, "工作通报", "<p>本文件属机密，注意保管</p>", cover)
	if code, e := action(ed, secret, "submit", nil); code != 400 || !strings.Contains(e.Error.Message, "机密") {
		t.Fatalf("机密 article submitted: %d %+v", code, e)
	}
	own := write(t, boss, "局长署名文章", "<p>正文</p>", cover)
	action(boss, own, "submit", nil)
	if code, e := action(boss, own, "approve", map[string]bool{"secrecy_confirmed": true}); code != 403 || !strings.Contains(e.Error.Message, "作者不能审核") {
		t.Fatalf("author approved own article: %d %+v", code, e)
	}

	if code, _ := action(ed, id, "submit", nil); code != 200 {
		t.Fatalf("submit: %d", code)
	}
	if code, _ := action(rev, id, "approve", nil); code != 400 {
		t.Fatalf("approval without 不涉密 confirmation: %d", code)
	}
	if code, _ := action(rev, id, "approve", map[string]bool{"secrecy_confirmed": true}); code != 200 {
		t.Fatalf("approve: %d", code)
	}
	var pub publicationOut
	if code := ed.do("POST", "/api/v1/publish", map[string]any{"article_ids": []uint{id}, "mode": "freepublish"}, &pub); code != 200 || pub.Publication.Status != "submitted" {
		t.Fatalf("publish: %d %+v", code, pub)
	}
	done, err := fake.FinishPublish(pub.Publication.PublishID, wechattest.PublishSuccess)
	if err != nil {
		t.Fatal(err)
	}
	cc := callbackClient(base)
	if r, err := cc.Post(ctx, cc.PublishJobFinish(done.PublishID, 0, done.ArticleID, done.ArticleURLs)); err != nil || !r.IsSuccess() {
		t.Fatalf("finish event: %+v %v", r, err)
	}
	var got articleOut
	ed.do("GET", fmt.Sprintf("/api/v1/articles/%d", id), nil, &got)
	if got.Article.State != "published" || got.Article.WeChatURL != done.ArticleURLs[0] {
		t.Fatalf("after the finish event: %+v", got)
	}
	checkReading(t, base, cc, id)
	checkMassOncePerDay(t, ed, rev, cover)
}

// checkReading follows the article from the menu, a search and the H5 pages.
func checkReading(t *testing.T, base string, cc *wechattest.CallbackClient, id uint) {
	ctx := context.Background()
	r, err := cc.Post(ctx, cc.Click("oFollower0001", "COLUMN:dangshi"))
	if err != nil || r.MsgType != "news" || r.ArticleCount != 1 || r.Articles[0].Title != "党史学习教育动员会召开" {
		t.Fatalf("column menu reply: %+v %v", r, err)
	}
	link := r.Articles[0].URL
	if !strings.Contains(link, fmt.Sprintf("/h5/articles/%d?t=", id)) {
		t.Fatalf("link without ticket: %s", link)
	}
	r, err = cc.Post(ctx, cc.Text("oFollower0001", "党史学习", 88001))
	if err != nil || r.MsgType != "news" || r.ArticleCount != 1 {
		t.Fatalf("search reply: %+v %v", r, err)
	}
	page := get(t, strings.Replace(link, "http://govmp.test", base, 1))
	if !strings.Contains(page, "党史学习教育动员会召开") || strings.Contains(page, "<script>") || strings.Contains(page, "onerror") || !strings.Contains(page, "阜乡振发〔2021〕1号") {
		t.Fatalf("article page: %s", page)
	}
	if list := get(t, base+"/h5/columns/dangshi"); !strings.Contains(list, fmt.Sprintf("/h5/articles/%d", id)) {
		t.Fatalf("column page lacks the article: %s", list)
	}
}

func get(t *testing.T, url string) string {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != 200 {
		t.Fatalf("GET %s: %d", url, resp.StatusCode)
	}
	return string(b)
}

// checkMassOncePerDay sends one mass send and is refused a second one
// before WeChat is called. The fake's quota is per day for the whole test
// process, so the first send may already meet WeChat's own 45028.
func checkMassOncePerDay(t *testing.T, ed, rev *apiUser, cover string) {
	var ids []uint
	for _, title := range []string{"群发文章一", "群发文章二"} {
		id := write(t, ed, title, "<p>正文</p>", cover)
		action(ed, id, "submit", nil)
		action(rev, id, "approve", map[string]bool{"secrecy_confirmed": true})
		ids = append(ids, id)
	}
	var pub publicationOut
	ed.do("POST", "/api/v1/publish", map[string]any{"article_ids": []uint{ids[0]}, "mode": "mass", "to_all": true}, &pub)
	if pub.Publication.Status != "submitted" && !strings.Contains(pub.Publication.Error, "群发次数已用完") {
		t.Fatalf("first mass send: %+v", pub)
	}
	var quota struct {
		MassAvailable bool `json:"mass_available"`
	}
	ed.do("GET", "/api/v1/publish/quota", nil, &quota)
	calls := fake.Calls("/cgi-bin/message/mass/sendall")
	var e apiError
	code := ed.do("POST", "/api/v1/publish", map[string]any{"article_ids": []uint{ids[1]}, "mode": "mass", "to_all": true}, &e)
	if quota.MassAvailable || code != 409 || fake.Calls("/cgi-bin/message/mass/sendall") != calls {
		t.Fatalf("second mass send: quota %v, %d %+v, WeChat called %d→%d", quota.MassAvailable, code, e, calls, fake.Calls("/cgi-bin/message/mass/sendall"))
	}
}
