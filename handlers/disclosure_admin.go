package handlers

import (
	"io"
	"net/http"
	"net/url"
	"strconv"

	"github.com/gin-gonic/gin"

	"govmp/disclosure/desk"
	"govmp/models"
)

func (s *server) disclosureCalendar(c *gin.Context) {
	info, err := s.Disclosure.Desk.CalendarInfo(c.Request.Context())
	if err != nil {
		writeError(c, s.Log, err)
		return
	}
	c.JSON(http.StatusOK, gin.H{"calendar": info})
}

func pathYear(c *gin.Context) (int, error) {
	y, err := strconv.Atoi(c.Param("year"))
	if err != nil {
		return 0, models.Invalid("year", "年度须为四位数字 / year must be a number")
	}
	return y, nil
}

// putDisclosureCalendar saves an administrator's transcription of a year's
// holiday notice.
func (s *server) putDisclosureCalendar(c *gin.Context) {
	year, err := pathYear(c)
	if err != nil {
		writeError(c, s.Log, err)
		return
	}
	var n desk.YearNotice
	if err := bindJSON(c, &n); err != nil {
		writeError(c, s.Log, err)
		return
	}
	n.Year = year
	if err := s.Disclosure.Desk.SetYearNotice(c.Request.Context(), currentUser(c).Username, n); err != nil {
		writeError(c, s.Log, err)
		return
	}
	s.disclosureCalendar(c)
}

func (s *server) deleteDisclosureCalendar(c *gin.Context) {
	year, err := pathYear(c)
	if err != nil {
		writeError(c, s.Log, err)
		return
	}
	if err := s.Disclosure.Desk.DeleteYearNotice(c.Request.Context(), currentUser(c).Username, year); err != nil {
		writeError(c, s.Log, err)
		return
	}
	s.disclosureCalendar(c)
}

func (s *server) getDisclosureGuide(c *gin.Context) {
	text, err := s.Disclosure.Desk.Guide(c.Request.Context())
	if err != nil {
		writeError(c, s.Log, err)
		return
	}
	c.JSON(http.StatusOK, gin.H{"text": text})
}

func (s *server) putDisclosureGuide(c *gin.Context) {
	var body struct {
		Text string `json:"text"`
	}
	if err := bindJSON(c, &body); err != nil {
		writeError(c, s.Log, err)
		return
	}
	if err := s.Disclosure.Desk.SetGuide(c.Request.Context(), currentUser(c).Username, body.Text); err != nil {
		writeError(c, s.Log, err)
		return
	}
	s.getDisclosureGuide(c)
}

func (s *server) getDisclosureRetention(c *gin.Context) {
	years, err := s.Disclosure.Desk.Retention(c.Request.Context())
	if err != nil {
		writeError(c, s.Log, err)
		return
	}
	c.JSON(http.StatusOK, gin.H{"years": years})
}

func (s *server) putDisclosureRetention(c *gin.Context) {
	var body struct {
		Years int `json:"years"`
	}
	if err := bindJSON(c, &body); err != nil {
		writeError(c, s.Log, err)
		return
	}
	if err := s.Disclosure.Desk.SetRetention(c.Request.Context(), currentUser(c).Username, body.Years); err != nil {
		writeError(c, s.Log, err)
		return
	}
	s.getDisclosureRetention(c)
}

// purgeDisclosure erases personal data past the retention period.
func (s *server) purgeDisclosure(c *gin.Context) {
	rec, err := s.Disclosure.Desk.Purge(c.Request.Context(), currentUser(c).Username)
	if err != nil {
		writeError(c, s.Log, err)
		return
	}
	c.JSON(http.StatusOK, gin.H{"purge": rec})
}

func (s *server) listDisclosurePurges(c *gin.Context) {
	list, err := s.Store.DisclosurePurges(c.Request.Context(), queryInt(c, "limit", 100, 1, 1000))
	if err != nil {
		writeError(c, s.Log, err)
		return
	}
	c.JSON(http.StatusOK, gin.H{"purges": list})
}

// addDisclosureAttachment stores one file of the reply document (multipart
// field "file").
func (s *server) addDisclosureAttachment(c *gin.Context) {
	id, err := pathID(c)
	if err != nil {
		writeError(c, s.Log, err)
		return
	}
	c.Request.Body = http.MaxBytesReader(c.Writer, c.Request.Body, desk.MaxAttachment+1<<20)
	fh, err := c.FormFile("file")
	if err != nil {
		writeError(c, s.Log, models.Invalid("file", "请选择不超过10MB的附件 / attach a file of at most 10 MB"))
		return
	}
	f, err := fh.Open()
	if err != nil {
		writeError(c, s.Log, models.Invalid("file", "无法读取附件 / cannot read the file"))
		return
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, desk.MaxAttachment+1))
	if err != nil {
		writeError(c, s.Log, models.Invalid("file", "无法读取附件 / cannot read the file"))
		return
	}
	a, err := s.Disclosure.Desk.AddAttachment(c.Request.Context(), currentUser(c).Username, id, fh.Filename, fh.Header.Get("Content-Type"), data)
	if err != nil {
		writeError(c, s.Log, err)
		return
	}
	c.JSON(http.StatusCreated, gin.H{"attachment": a})
}

func (s *server) getDisclosureAttachment(c *gin.Context) {
	id, err := pathID(c)
	if err != nil {
		writeError(c, s.Log, err)
		return
	}
	aid, err := strconv.ParseUint(c.Param("aid"), 10, 32)
	if err != nil {
		writeError(c, s.Log, models.Invalid("aid", "附件 ID 无效 / invalid attachment id"))
		return
	}
	a, err := s.Store.DisclosureAttachment(c.Request.Context(), id, uint(aid))
	if err != nil {
		writeError(c, s.Log, err)
		return
	}
	ct := a.ContentType
	if ct == "" {
		ct = "application/octet-stream"
	}
	c.Header("Content-Disposition", "attachment; filename*=UTF-8''"+url.PathEscape(a.Name))
	c.Header("X-Content-Type-Options", "nosniff")
	c.Data(http.StatusOK, ct, a.Data)
}
