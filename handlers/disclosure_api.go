package handlers

import (
	"encoding/csv"
	"errors"
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"govmp/disclosure"
	"govmp/disclosure/desk"
	"govmp/models"
	"govmp/store"
)

// disclosureError answers form mistakes with every field's message (a form
// shows each next to its field) and everything else in the usual shape.
func (s *server) disclosureError(c *gin.Context, err error) {
	var fe disclosure.FieldErrors
	if !errors.As(err, &fe) {
		writeError(c, s.Log, err)
		return
	}
	var body struct {
		Error struct {
			Code    string            `json:"code"`
			Field   string            `json:"field,omitempty"`
			Message string            `json:"message"`
			Fields  map[string]string `json:"fields"`
		} `json:"error"`
	}
	body.Error.Code, body.Error.Fields = models.EINVALID, fe
	body.Error.Message = "申请信息有误，请按提示修改 / the request has invalid fields"
	for _, k := range []string{"kind", "name", "id_type", "id_number", "credit_code", "phone", "description", "form", "way"} {
		if _, ok := fe[k]; ok {
			body.Error.Field = k
			body.Error.Message = fe[k]
			break
		}
	}
	c.AbortWithStatusJSON(http.StatusBadRequest, body)
}

// listDisclosure is the officer's list: masked, most urgent first.
func (s *server) listDisclosure(c *gin.Context) {
	f := store.DisclosureFilter{State: c.Query("state"), OpenOnly: c.Query("open") == "1" || c.Query("open") == "true",
		Limit: queryInt(c, "limit", 200, 1, 1000), Offset: queryInt(c, "offset", 0, 0, 1<<30)}
	list, total, err := s.Disclosure.Desk.List(c.Request.Context(), f)
	if err != nil {
		s.disclosureError(c, err)
		return
	}
	c.JSON(http.StatusOK, gin.H{"requests": list, "total": total})
}

// registerDisclosure lets an officer register a request received in person,
// by mail, fax or email.
func (s *server) registerDisclosure(c *gin.Context) {
	var sub desk.Submission
	if err := bindJSON(c, &sub); err != nil {
		writeError(c, s.Log, err)
		return
	}
	sub.Actor = currentUser(c).Username
	rc, err := s.Disclosure.Desk.Submit(c.Request.Context(), sub)
	if err != nil {
		s.disclosureError(c, err)
		return
	}
	c.JSON(http.StatusCreated, gin.H{"receipt": rc})
}

func (s *server) getDisclosure(c *gin.Context) {
	id, err := pathID(c)
	if err != nil {
		writeError(c, s.Log, err)
		return
	}
	d, err := s.Disclosure.Desk.Get(c.Request.Context(), id)
	if err != nil {
		s.disclosureError(c, err)
		return
	}
	c.JSON(http.StatusOK, gin.H{"request": d})
}

// getDisclosureFull shows the applicant's full data; the service audits it.
func (s *server) getDisclosureFull(c *gin.Context) {
	id, err := pathID(c)
	if err != nil {
		writeError(c, s.Log, err)
		return
	}
	d, err := s.Disclosure.Desk.GetFull(c.Request.Context(), currentUser(c).Username, id)
	if err != nil {
		s.disclosureError(c, err)
		return
	}
	c.Header("Cache-Control", "no-store")
	c.JSON(http.StatusOK, gin.H{"request": d})
}

// actDisclosure applies one move (receive, 补正, extend, close …).
func (s *server) actDisclosure(c *gin.Context) {
	id, err := pathID(c)
	if err != nil {
		writeError(c, s.Log, err)
		return
	}
	var a desk.Action
	if err := bindJSON(c, &a); err != nil {
		writeError(c, s.Log, err)
		return
	}
	d, err := s.Disclosure.Desk.Act(c.Request.Context(), currentUser(c).Username, id, a)
	if err != nil {
		s.disclosureError(c, err)
		return
	}
	c.JSON(http.StatusOK, gin.H{"request": d})
}

// exportDisclosure writes the list as CSV with personal data masked.
func (s *server) exportDisclosure(c *gin.Context) {
	list, _, err := s.Disclosure.Desk.List(c.Request.Context(), store.DisclosureFilter{Limit: 100000})
	if err != nil {
		s.disclosureError(c, err)
		return
	}
	if err := s.Store.Audit(c.Request.Context(), currentUser(c).Username, "disclosure.export", "disclosure:*", strconv.Itoa(len(list))+" rows, masked"); err != nil {
		s.Log.Error("handlers: audit write failed", "action", "disclosure.export", "err", err)
	}
	c.Header("Content-Type", "text/csv; charset=utf-8")
	c.Header("Content-Disposition", `attachment; filename="disclosure-requests.csv"`)
	c.Status(http.StatusOK)
	_, _ = c.Writer.WriteString("\uFEFF") // Excel needs the BOM to read UTF-8
	w := csv.NewWriter(c.Writer)
	_ = w.Write([]string{"申请编号", "渠道", "申请人类型", "申请人", "证件号码", "联系电话", "收到日期", "状态", "答复期限", "剩余工作日", "是否逾期", "办理结果", "办结日期"})
	for _, r := range list {
		left := ""
		if r.DaysLeft != nil {
			left = strconv.Itoa(*r.DaysLeft)
		}
		overdue := ""
		if r.Overdue {
			overdue = "逾期"
		}
		_ = w.Write([]string{r.Number, r.ChannelLabel, r.KindLabel, r.Applicant, r.IDNumber, r.Phone, r.ReceivedOn,
			r.StateLabel, r.Due, left, overdue, r.OutcomeLabel, r.ClosedOn})
	}
	w.Flush()
}

func (s *server) pendingDisclosureNotices(c *gin.Context) {
	list, err := s.Disclosure.Desk.PendingNotices(c.Request.Context())
	if err != nil {
		writeError(c, s.Log, err)
		return
	}
	c.JSON(http.StatusOK, gin.H{"notices": list})
}

func (s *server) disclosureReminders(c *gin.Context) {
	list, err := s.Disclosure.Desk.Reminders(c.Request.Context())
	if err != nil {
		writeError(c, s.Log, err)
		return
	}
	c.JSON(http.StatusOK, gin.H{"reminders": list})
}

func (s *server) disclosureOutcomes(c *gin.Context) {
	c.JSON(http.StatusOK, gin.H{"outcomes": desk.Outcomes()})
}
