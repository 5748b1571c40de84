package handlers

import (
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"govmp/content"
	"govmp/models"
	"govmp/store"
)

// articleFields are the editor's form fields that map one to one onto articleInput.
var articleFields = []string{"title", "author", "digest", "body", "cover_url", "source_url", "category_id",
	"index_no", "doc_no", "issuer", "interp_url", "original"}

// articlesPage lists articles with filters by state, column, category and author.
func (cs *console) articlesPage(c *gin.Context) {
	v := cs.newView(c, "文章")
	f := store.ArticleFilter{State: c.Query("state"), Limit: 50, Offset: queryInt(c, "offset", 0, 0, 1<<30),
		ColumnID: uint(queryInt(c, "column_id", 0, 0, 1<<30)), CategoryID: uint(queryInt(c, "category_id", 0, 0, 1<<30)),
		AuthorID: uint(queryInt(c, "author_id", 0, 0, 1<<30))}
	for _, k := range []string{"state", "column_id", "category_id", "author_id"} {
		v.Form.Set(k, c.Query(k))
	}
	arts, total, err := cs.Store.ListArticles(c.Request.Context(), f)
	if err == nil {
		err = cs.articleChoices(c, v)
	}
	if err != nil {
		cs.fail(c, err)
		return
	}
	v.D["Articles"], v.D["Total"], v.D["States"] = arts, total, content.States()
	cs.render(c, http.StatusOK, "articles", v)
}

// articleChoices adds the columns, categories and authors to pick from, by id.
func (cs *console) articleChoices(c *gin.Context, v *view) error {
	cols, err := cs.Store.Columns(c.Request.Context(), false)
	if err != nil {
		return err
	}
	cats, err := cs.Store.Categories(c.Request.Context(), false)
	if err != nil {
		return err
	}
	users, err := cs.Store.Users(c.Request.Context())
	if err != nil {
		return err
	}
	names := map[uint]string{}
	for _, u := range users {
		names[u.ID] = u.Username
	}
	colNames, catNames := map[uint]string{}, map[uint]string{}
	for _, x := range cols {
		colNames[x.ID] = x.Name
	}
	for _, x := range cats {
		catNames[x.ID] = x.Name
	}
	v.D["Columns"], v.D["Categories"], v.D["Users"] = cols, cats, users
	v.D["UserNames"], v.D["ColumnNames"], v.D["CategoryNames"] = names, colNames, catNames
	return nil
}

func (cs *console) newArticle(c *gin.Context) {
	v := cs.newView(c, "写文章")
	v.Form.Set("original", "1")
	v.Form.Set("author", currentUser(c).DisplayName)
	cs.showEditor(c, http.StatusOK, v)
}

func (cs *console) editArticle(c *gin.Context) {
	a, ok := cs.loadArticle(c)
	if !ok {
		return
	}
	if a.State != string(content.StateDraft) {
		cs.redirect(c, fmt.Sprintf("/admin/articles/%d", a.ID), "!只有草稿可以修改；已退回或已撤回的文章请先点“重新编辑”。")
		return
	}
	v := cs.newView(c, "编辑文章")
	v.Form = articleForm(a)
	v.D["Article"] = a
	cs.showEditor(c, http.StatusOK, v)
}

// articleForm fills the editor from a stored article.
func articleForm(a *models.Article) url.Values {
	f := url.Values{}
	for k, val := range map[string]string{"title": a.Title, "author": a.Author, "digest": a.Digest, "body": a.Body,
		"cover_url": a.CoverURL, "source_url": a.SourceURL, "category_id": strconv.FormatUint(uint64(a.CategoryID), 10),
		"index_no": a.IndexNo, "doc_no": a.DocNo, "issuer": a.Issuer, "interp_url": a.InterpretationURL} {
		f.Set(k, val)
	}
	f.Set("original", map[bool]string{true: "1", false: "0"}[a.Original])
	for _, id := range a.ColumnIDs {
		f.Add("column_ids", strconv.FormatUint(uint64(id), 10))
	}
	return f
}

func (cs *console) showEditor(c *gin.Context, status int, v *view) {
	if err := cs.articleChoices(c, v); err != nil {
		cs.fail(c, err)
		return
	}
	cs.render(c, status, "editor", v)
}

func (cs *console) loadArticle(c *gin.Context) (*models.Article, bool) {
	id, err := pathID(c)
	if err != nil {
		cs.fail(c, err)
		return nil, false
	}
	a, err := cs.Store.Article(c.Request.Context(), id)
	if err != nil {
		cs.fail(c, err)
		return nil, false
	}
	return a, true
}

// saveArticle creates or updates a draft from the editor. "预览" shows the
// page again with the rendered body; "保存并送审" also scans for 涉密
// markers first and submits. Refusals come back next to their field.
func (cs *console) saveArticle(c *gin.Context) {
	v := cs.newView(c, "写文章")
	var id uint
	if c.Param("id") != "" {
		var err error
		if id, err = pathID(c); err != nil {
			cs.fail(c, err)
			return
		}
		v.Title, v.D["Article"] = "编辑文章", &models.Article{ID: id}
	}
	for _, k := range articleFields {
		v.Form.Set(k, c.PostForm(k))
	}
	v.Form["column_ids"] = c.PostFormArray("column_ids")
	if err := cs.takeCover(c, v); err != nil {
		cs.showEditor(c, http.StatusBadRequest, v)
		return
	}
	in := editorInput(v.Form)
	a := in.article()
	op := c.PostForm("op")
	if op == "preview" {
		v.D["Preview"] = cs.localImages(a.Body)
		cs.showEditor(c, http.StatusOK, v)
		return
	}
	if op == "submit" && cs.secrecyBlocks(c, v, a) {
		cs.showEditor(c, http.StatusBadRequest, v)
		return
	}
	a.ID = id
	if err := cs.storeArticle(c, &a, in.ColumnIDs); err != nil {
		if !formError(v, err) {
			cs.fail(c, err)
			return
		}
		cs.showEditor(c, http.StatusBadRequest, v)
		return
	}
	if op == "submit" {
		cs.walk(c, &a, content.ActionSubmit, actionInput{})
		return
	}
	cs.redirect(c, fmt.Sprintf("/admin/articles/%d", a.ID), "草稿已保存。")
}

// storeArticle writes the draft through the same store calls as the API and audits it.
func (cs *console) storeArticle(c *gin.Context, a *models.Article, columns []uint) error {
	if a.ID == 0 {
		a.State, a.AuthorID = string(content.StateDraft), currentUser(c).ID
		if err := cs.Store.CreateArticle(c.Request.Context(), a, columns); err != nil {
			return err
		}
		cs.audit(c, "article.create", fmt.Sprintf("article:%d", a.ID), "→draft")
		return nil
	}
	if _, err := cs.Store.Article(c.Request.Context(), a.ID); err != nil {
		return err
	}
	if err := cs.Store.UpdateArticle(c.Request.Context(), a, columns); err != nil {
		return err
	}
	cs.audit(c, "article.update", fmt.Sprintf("article:%d", a.ID), "")
	return nil
}

// editorInput reads the editor's fields; the body may be Markdown.
func editorInput(f url.Values) articleInput {
	cat, _ := strconv.ParseUint(f.Get("category_id"), 10, 32)
	original := f.Get("original") != "0"
	in := articleInput{Title: f.Get("title"), Author: f.Get("author"), Digest: f.Get("digest"), Body: bodyHTML(f.Get("body")),
		CoverURL: f.Get("cover_url"), SourceURL: f.Get("source_url"), CategoryID: uint(cat), IndexNo: f.Get("index_no"),
		DocNo: f.Get("doc_no"), Issuer: f.Get("issuer"), InterpretationURL: f.Get("interp_url"), Original: &original}
	for _, s := range f["column_ids"] {
		if id, err := strconv.ParseUint(s, 10, 32); err == nil {
			in.ColumnIDs = append(in.ColumnIDs, uint(id))
		}
	}
	return in
}

// takeCover stores an uploaded cover picture and puts its address in the
// form; a bad file is a field error on "cover_file".
func (cs *console) takeCover(c *gin.Context, v *view) error {
	fh, err := c.FormFile("cover_file")
	if err != nil {
		return nil // no file chosen: keep the address field as typed
	}
	fail := func(msg string) error {
		v.Errors["cover_file"] = msg
		return models.Invalid("cover_file", msg)
	}
	f, err := fh.Open()
	if err != nil {
		return fail("无法读取上传的文件。")
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxUpload+1))
	if err != nil || len(data) > maxUpload {
		return fail("图片不能超过10MB。")
	}
	ct := http.DetectContentType(data)
	if ct != "image/jpeg" && ct != "image/png" && ct != "image/gif" && ct != "image/bmp" {
		return fail("只支持 JPG、PNG、GIF、BMP 图片。")
	}
	name := fh.Filename
	if len(name) > 128 {
		name = name[len(name)-128:]
	}
	img := &models.Image{Name: name, ContentType: ct, Data: data, Size: len(data), CreatedBy: currentUser(c).Username}
	if err := cs.Store.SaveImage(c.Request.Context(), img); err != nil {
		return err
	}
	cs.audit(c, "image.upload", "image:"+strconv.FormatUint(uint64(img.ID), 10), name)
	v.Form.Set("cover_url", cs.imageURL(img.ID))
	return nil
}

// secrecyBlocks runs the 涉密 scan the submit step runs and, when it
// finds markers, says where next to the field that holds them.
func (cs *console) secrecyBlocks(c *gin.Context, v *view, a models.Article) bool {
	markers, err := cs.Store.SecrecyMarkers(c.Request.Context(), content.DefaultSecrecyMarkers())
	if err != nil {
		v.Errors["_form"] = "无法读取涉密标识列表，请稍后再试。"
		return true
	}
	fields := []string{"title", "digest", "body"}
	for _, m := range content.ScanSecrecy(markers, a.Title, a.Digest, a.Body) {
		f := fields[m.Text]
		msg := fmt.Sprintf("发现涉密标识“%s”：…%s…", m.Word, m.Context)
		if v.Errors[f] != "" {
			msg = v.Errors[f] + "；" + msg
		}
		v.Errors[f] = msg
	}
	if len(v.Errors) > 0 {
		v.Errors["_form"] = "含有涉密标识，不能送审。涉密信息不得在公众号发布，请删除或改写后再送审。"
		return true
	}
	return false
}

// scanArticle answers the editor's live scan with the markers found.
func (cs *console) scanArticle(c *gin.Context) {
	markers, err := cs.Store.SecrecyMarkers(c.Request.Context(), content.DefaultSecrecyMarkers())
	if err != nil {
		writeError(c, cs.Log, err)
		return
	}
	words := []string{}
	for _, m := range content.ScanSecrecy(markers, c.PostForm("title"), c.PostForm("digest"), bodyHTML(c.PostForm("body"))) {
		if !contains(words, m.Word) {
			words = append(words, m.Word)
		}
	}
	c.JSON(http.StatusOK, gin.H{"words": words, "clean": strings.Join(words, "") == ""})
}
