package main

import (
	"bytes"
	"context"
	"encoding/base64"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/xuri/excelize/v2"

	"govmp/models"
	"govmp/store"
	"govmp/wechat/wechattest"
)

const testPassword = "correct-horse-1"

// consoleUsers are the accounts the browser suite signs in with, one per role.
var consoleUsers = map[string]string{"ed": models.RoleEditor, "rev": models.RoleReviewer, "off": models.RoleOfficer,
	"boss": models.RoleAdmin, "view": models.RoleViewer}

// TestConsoleInBrowser drives the whole console in headless Chromium against
// the real program on SQLite: write, review, publish, handle a disclosure
// request, check the annual report, download it, and walk the role matrix.
// Every step asserts on what the page shows.
func TestConsoleInBrowser(t *testing.T) {
	requireChromium(t)
	b := backends(t)[0] // SQLite: the suite checks the console, the backends are checked elsewhere
	base := startServer(t, testEnv(b, map[string]string{"GOVMP_DATA_KEY": e2eDataKey}))
	st := openStore(t, b.dsn)
	for name, role := range consoleUsers {
		if _, err := st.CreateUser(context.Background(), name, name+"同志", role, testPassword); err != nil {
			t.Fatal(err)
		}
	}
	u := newUI(t, base)
	year := time.Now().In(models.Beijing).Year()

	articleID := writeAndSubmit(t, u)
	review(t, u, articleID)
	publish(t, u, st, base, articleID)
	requestID := handleRequest(t, u, year)
	downloadXLSX(t, u, year)
	menuErrors(t, u)
	walkMatrix(t, u, articleID, requestID, year)
}

// writeAndSubmit: the editor's 涉密 marker is caught next to the body with
// what was typed kept; the cleaned article is saved with a cover and submitted.
func writeAndSubmit(t *testing.T, u *ui) uint {
	u.login("ed")
	u.open("/admin/articles/new")
	u.fill("#title", "阜新市乡村振兴工作推进会召开")
	u.fill("#digest", "会议部署下一阶段重点工作。")
	u.fill("#body", "## 会议内容\n\n本文件属机密，请勿外传。")
	u.do(chromedp.SetValue(chromedp.CSS("#category_id"), "1"), chromedp.Click(chromedp.CSS(`input[name=column_ids][value="1"]`)))
	cover := filepath.Join(t.TempDir(), "cover.png")
	if err := os.WriteFile(cover, pngBytes, 0o644); err != nil {
		t.Fatal(err)
	}
	u.do(chromedp.SetUploadFiles(chromedp.CSS("#cover_file"), []string{cover}))
	u.submit("#submit")
	u.expect(".has-error .field-error", "机密")
	u.expect("#form-error", "不能送审")
	if got := u.value("#title"); got != "阜新市乡村振兴工作推进会召开" {
		t.Fatalf("the refused form lost the title: %q", got)
	}
	if !strings.Contains(u.value("#body"), "本文件属机密") || !strings.Contains(u.value("#cover_url"), "/h5/images/") {
		t.Fatalf("the refused form lost the body or the uploaded cover: %q %q", u.value("#body"), u.value("#cover_url"))
	}
	u.fill("#body", "## 会议内容\n\n会议总结了今年的**乡村振兴**工作，部署了下一阶段任务。\n\n- 产业振兴\n- 人才振兴")
	u.shot("editor")
	u.submit("#submit")
	u.expect("#article-state", "待审核")
	u.expect("#article-body h2", "会议内容")
	u.expect("#article-body li", "产业振兴")
	loc, _ := chromedp.Run(u.ctx, chromedp.Location())
	id, err := strconv.ParseUint(loc[strings.LastIndex(loc, "/")+1:], 10, 32)
	if err != nil {
		t.Fatalf("article page %s: %v", loc, err)
	}
	u.logout()
	return uint(id)
}

// review: approval needs the 不涉密 confirmation, shown next to the box.
func review(t *testing.T, u *ui, id uint) {
	u.login("rev")
	u.open("/admin/review")
	u.expect(fmt.Sprintf("#review-%d h2", id), "阜新市乡村振兴工作推进会召开")
	u.submit(fmt.Sprintf("#approve-%d", id))
	u.expect(fmt.Sprintf("#approve-form-%d .field-error", id), "不涉密")
	u.expect("#article-state", "待审核")
	u.do(chromedp.Click(chromedp.CSS(fmt.Sprintf("#secrecy_confirmed-%d", id))))
	u.submit(fmt.Sprintf("#approve-%d", id))
	u.expect("#flash", "审核通过")
	u.expect("#article-state", "审核通过")
	u.logout()
}

// publish sends the article to the fake WeChat (freepublish), then WeChat's
// finish event arrives and the article page shows it published.
func publish(t *testing.T, u *ui, st *store.Store, base string, id uint) {
	u.login("ed")
	u.open(fmt.Sprintf("/admin/articles/%d", id))
	u.expect("#quota", "群发次数可用")
	u.submit("#publish-now")
	u.expect("#flash", "已提交微信")
	u.expect("#publications", "阜新市乡村振兴工作推进会召开")
	recs, err := st.Publishes(context.Background(), "", 1)
	if err != nil || len(recs) != 1 {
		t.Fatalf("publication record: %v %v", recs, err)
	}
	done, err := fake.FinishPublish(recs[0].PublishID, wechattest.PublishSuccess)
	if err != nil {
		t.Fatal(err)
	}
	cc := callbackClient(base)
	if r, err := cc.Post(context.Background(), cc.PublishJobFinish(done.PublishID, 0, done.ArticleID, done.ArticleURLs)); err != nil || !r.IsSuccess() {
		t.Fatalf("finish event: %+v %v", r, err)
	}
	u.open("/admin/publications")
	u.expect("#publications", "发布成功")
	u.open(fmt.Sprintf("/admin/articles/%d", id))
	u.expect("#article-state", "已发布")
	u.expect("#wechat-url", done.ArticleURLs[0])
	u.logout()
}

// handleRequest registers a request at the desk (a refused form keeps what
// was typed), answers it with 予以公开, and sees table 三 count it.
func handleRequest(t *testing.T, u *ui, year int) uint {
	u.login("off")
	u.open("/admin/reports?year=" + strconv.Itoa(year))
	newBefore, disclosedBefore := cellInt(t, u, "t3.r1"), cellInt(t, u, "t3.o1")
	u.open("/admin/disclosure/new")
	u.fill("#name", "张三")
	u.fill("#id_number", "11010519491231002X")
	u.fill("#phone", "123")
	u.submit("#register")
	u.expect("#phone ~ .field-error", "电话")
	u.expect("#description ~ .field-error", "")
	if u.value("#name") != "张三" || u.value("#id_number") != "11010519491231002X" {
		t.Fatalf("the refused request form lost what was typed")
	}
	u.fill("#phone", "13800138000")
	u.fill("#address", "辽宁省阜新市细河区")
	u.fill("#description", "2021年乡村振兴衔接资金分配文件")
	u.do(chromedp.SetValue(chromedp.CSS("#form"), "paper"), chromedp.SetValue(chromedp.CSS("#way"), "post"))
	u.submit("#register")
	u.expect("#flash", "查询码")
	number := u.text("#request-number")
	u.expect("#applicant-name", "*")
	u.open("/admin/disclosure")
	u.expect("#requests", number)
	u.shot("desk")
	u.open("/admin/disclosure")
	u.submit(fmt.Sprintf(`#requests a[href^="/admin/disclosure/"]`))
	u.submit("#show-full")
	u.expect("#applicant-name", "张三")
	u.do(chromedp.SetValue(chromedp.CSS("#outcome"), "1"))
	u.submit("#close-request")
	u.expect("#form-close .field-error", "答复内容")
	u.fill("#close-text", "经审查，您申请的信息予以公开，随函附上。")
	u.do(chromedp.SetValue(chromedp.CSS("#outcome"), "1"))
	u.submit("#close-request")
	u.expect("#request-state", "已办结")
	u.expect("#request-outcome", "予以公开")
	u.expect("#timeline", "答复办结")
	loc, _ := chromedp.Run(u.ctx, chromedp.Location())
	id, _ := strconv.ParseUint(loc[strings.LastIndex(loc, "/")+1:], 10, 32)

	u.open("/admin/reports?year=" + strconv.Itoa(year))
	if got := cellInt(t, u, "t3.r1"); got != newBefore+1 {
		t.Fatalf("table 三 新收: %d, want %d", got, newBefore+1)
	}
	if got := cellInt(t, u, "t3.o1"); got != disclosedBefore+1 {
		t.Fatalf("table 三 予以公开: %d, want %d", got, disclosedBefore+1)
	}
	u.shot("report")
	u.logout()
	return uint(id)
}

func cellInt(t *testing.T, u *ui, cell string) int {
	n, err := strconv.Atoi(u.text(`[id="sum-` + cell + `"]`))
	if err != nil {
		t.Fatalf("cell %s: %v", cell, err)
	}
	return n
}

// downloadXLSX fetches the report as the browser would and opens it.
func downloadXLSX(t *testing.T, u *ui, year int) {
	u.login("boss")
	u.open("/admin/reports?year=" + strconv.Itoa(year))
	href, err := chromedp.Run(u.ctx, chromedp.Evaluate[string](`document.querySelector("#download-xlsx").href`))
	if err != nil {
		t.Fatal(err)
	}
	js := `(async () => { const r = await fetch(` + jsString(href) + `); const b = new Uint8Array(await r.arrayBuffer());
		let s = ""; for (const x of b) s += String.fromCharCode(x); return r.status + " " + btoa(s); })()`
	out, err := chromedp.Run(u.ctx, chromedp.Evaluate[string](js, chromedp.EvalAwaitPromise))
	if err != nil || !strings.HasPrefix(out, "200 ") {
		t.Fatalf("download: %.80s %v", out, err)
	}
	raw, _ := base64.StdEncoding.DecodeString(out[4:])
	f, err := excelize.OpenReader(bytes.NewReader(raw))
	if err != nil {
		t.Fatalf("the XLSX does not open: %v", err)
	}
	defer f.Close()
	var text strings.Builder
	for _, sheet := range f.GetSheetList() {
		rows, _ := f.GetRows(sheet)
		for _, r := range rows {
			text.WriteString(strings.Join(r, " "))
		}
	}
	if !strings.Contains(text.String(), "予以公开") {
		t.Fatalf("the XLSX has no table 三: %.300s", text.String())
	}
	u.open("/admin/?days=30")
	u.expect("#chart-followers h2", "粉丝变化")
	u.expect("#account", "access_token")
	u.shot("dashboard")
}

// menuErrors: a menu breaking WeChat's limits is refused on its row, as typed.
func menuErrors(t *testing.T, u *ui) {
	u.open("/admin/settings/menu")
	u.fill(`input[name=b0_name]`, "一个非常非常长的菜单名称")
	u.submit("#menu-save")
	u.expect("#form-error", "菜单不符合微信要求")
	if u.value(`input[name=b0_name]`) != "一个非常非常长的菜单名称" || !u.has("#menu-form .has-error .field-error") {
		t.Fatalf("menu row error or typed name missing")
	}
	u.shot("menu")
	u.logout()
}
