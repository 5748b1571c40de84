package handlers

import (
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"govmp/content"
	"govmp/models"
	"govmp/store"
)

// articleInput is what an editor sends to create or edit an article.
type articleInput struct {
	Title             string `json:"title"`
	Author            string `json:"author"`
	Digest            string `json:"digest"`
	Body              string `json:"body"`
	CoverURL          string `json:"cover_url"`
	SourceURL         string `json:"source_url"`
	CategoryID        uint   `json:"category_id"`
	ColumnIDs         []uint `json:"column_ids"`
	IndexNo           string `json:"index_no"`
	DocNo             string `json:"doc_no"`
	Issuer            string `json:"issuer"`
	InterpretationURL string `json:"interp_url"`
	Original          *bool  `json:"original"`
}

// article builds the model; bodies are sanitised before they are stored,
// so nothing unsafe reaches the reviewer, WeChat or the H5 page.
func (in articleInput) article() models.Article {
	original := true
	if in.Original != nil {
		original = *in.Original
	}
	return models.Article{
		Title: strings.TrimSpace(in.Title), Author: strings.TrimSpace(in.Author), Digest: strings.TrimSpace(in.Digest),
		Body: content.SanitizeHTML(in.Body), CoverURL: strings.TrimSpace(in.CoverURL), SourceURL: strings.TrimSpace(in.SourceURL),
		CategoryID: in.CategoryID, IndexNo: strings.TrimSpace(in.IndexNo), DocNo: strings.TrimSpace(in.DocNo),
		Issuer: strings.TrimSpace(in.Issuer), InterpretationURL: strings.TrimSpace(in.InterpretationURL), Original: original,
	}
}

func (s *server) createArticle(c *gin.Context) {
	var in articleInput
	if err := bindJSON(c, &in); err != nil {
		writeError(c, s.Log, err)
		return
	}
	a := in.article()
	a.State, a.AuthorID = string(content.StateDraft), currentUser(c).ID
	if err := s.Store.CreateArticle(c.Request.Context(), &a, in.ColumnIDs); err != nil {
		writeError(c, s.Log, err)
		return
	}
	s.audit(c, "article.create", fmt.Sprintf("article:%d", a.ID), "→draft")
	c.JSON(http.StatusCreated, gin.H{"article": a})
}

func (s *server) updateArticle(c *gin.Context) {
	id, err := pathID(c)
	if err != nil {
		writeError(c, s.Log, err)
		return
	}
	var in articleInput
	if err := bindJSON(c, &in); err != nil {
		writeError(c, s.Log, err)
		return
	}
	a := in.article()
	a.ID = id
	if _, err := s.Store.Article(c.Request.Context(), id); err != nil {
		writeError(c, s.Log, err)
		return
	}
	if err := s.Store.UpdateArticle(c.Request.Context(), &a, in.ColumnIDs); err != nil {
		writeError(c, s.Log, err)
		return
	}
	s.audit(c, "article.update", fmt.Sprintf("article:%d", id), "")
	s.getArticle(c)
}

func (s *server) getArticle(c *gin.Context) {
	id, err := pathID(c)
	if err != nil {
		writeError(c, s.Log, err)
		return
	}
	a, err := s.Store.Article(c.Request.Context(), id)
	if err != nil {
		writeError(c, s.Log, err)
		return
	}
	c.JSON(http.StatusOK, gin.H{"article": a, "state_label": content.State(a.State).Label(), "h5_url": s.Content.Bot.ArticleURL(a.ID, "")})
}

func (s *server) listArticles(c *gin.Context) {
	f := store.ArticleFilter{
		State: c.Query("state"), Limit: queryInt(c, "limit", 50, 1, 200), Offset: queryInt(c, "offset", 0, 0, 1<<30),
		ColumnID: uint(queryInt(c, "column_id", 0, 0, 1<<30)), CategoryID: uint(queryInt(c, "category_id", 0, 0, 1<<30)),
		AuthorID: uint(queryInt(c, "author_id", 0, 0, 1<<30)),
	}
	arts, total, err := s.Store.ListArticles(c.Request.Context(), f)
	if err != nil {
		writeError(c, s.Log, err)
		return
	}
	for i := range arts {
		arts[i].Body = "" // lists stay small; GET /articles/:id has the body
	}
	c.JSON(http.StatusOK, gin.H{"articles": arts, "total": total})
}

// articleHistory lists the article's audit trail, newest first.
func (s *server) articleHistory(c *gin.Context) {
	id, err := pathID(c)
	if err != nil {
		writeError(c, s.Log, err)
		return
	}
	var entries []models.AuditEntry
	err = s.Store.DB.WithContext(c.Request.Context()).Where("target = ?", fmt.Sprintf("article:%d", id)).Order("id DESC").Limit(200).Find(&entries).Error
	if err != nil {
		writeError(c, s.Log, fmt.Errorf("handlers: article history: %w", err))
		return
	}
	c.JSON(http.StatusOK, gin.H{"entries": entries})
}

// maxUpload is WeChat's limit for an image material.
const maxUpload = 10 << 20

// uploadImage stores a picture (multipart field "file") and returns the URL
// to use as a cover or inside a body.
func (s *server) uploadImage(c *gin.Context) {
	c.Request.Body = http.MaxBytesReader(c.Writer, c.Request.Body, maxUpload+64<<10)
	fh, err := c.FormFile("file")
	if err != nil {
		writeError(c, s.Log, models.Invalid("file", "请选择不超过10MB的图片文件 / send an image of at most 10 MB in field \"file\""))
		return
	}
	f, err := fh.Open()
	if err != nil {
		writeError(c, s.Log, models.Invalid("file", "无法读取上传的文件 / unreadable upload"))
		return
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxUpload+1))
	if err != nil || len(data) > maxUpload {
		writeError(c, s.Log, models.Invalid("file", "图片不能超过10MB / the image must be at most 10 MB"))
		return
	}
	ct := http.DetectContentType(data)
	if ct != "image/jpeg" && ct != "image/png" && ct != "image/gif" && ct != "image/bmp" {
		writeError(c, s.Log, models.Invalid("file", "只支持 JPG、PNG、GIF、BMP 图片 / only JPG, PNG, GIF and BMP images"))
		return
	}
	name := fh.Filename
	if len(name) > 128 {
		name = name[len(name)-128:]
	}
	img := &models.Image{Name: name, ContentType: ct, Data: data, Size: len(data), CreatedBy: currentUser(c).Username}
	if err := s.Store.SaveImage(c.Request.Context(), img); err != nil {
		writeError(c, s.Log, err)
		return
	}
	s.audit(c, "image.upload", "image:"+strconv.FormatUint(uint64(img.ID), 10), name)
	c.JSON(http.StatusCreated, gin.H{"image": img, "url": s.imageURL(img.ID)})
}

func (s *server) imageURL(id uint) string {
	return strings.TrimRight(s.Config.PublicURL, "/") + "/h5/images/" + strconv.FormatUint(uint64(id), 10)
}
