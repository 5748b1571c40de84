package handlers

import (
	"encoding/json"
	"net/http"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"govmp/models"
	"govmp/store"
)

// Labels of the registers' kinds and results, as the official tables name them.
var (
	docKinds      = []choice{{models.DocRule, "规章"}, {models.DocNormative, "行政规范性文件"}}
	decisionKinds = []choice{{models.DecisionLicensing, "行政许可"}, {models.DecisionPenalty, "行政处罚"},
		{models.DecisionCoercion, "行政强制"}, {models.DecisionFee, "行政事业性收费"}}
	caseKinds   = []choice{{models.CaseReview, "行政复议"}, {models.CaseDirect, "行政诉讼（未经复议直接起诉）"}, {models.CaseAfterReview, "行政诉讼（复议后起诉）"}}
	caseResults = []choice{{models.ResultUpheld, "结果维持"}, {models.ResultCorrected, "结果纠正"}, {models.ResultOther, "其他结果"}, {models.ResultPending, "尚未审结"}}
)

// registerFields are each register's form fields (their JSON names).
var registerFields = map[string][]string{
	"documents": {"kind", "title", "doc_no", "issued_on", "abolished_on", "note"},
	"decisions": {"kind", "day", "count", "amount_yuan", "note"},
	"cases":     {"kind", "case_no", "filed_on", "result", "concluded_on", "note"},
}

// registersPage lists a year's entries of the registers behind tables 二 and 四.
func (cs *console) registersPage(c *gin.Context) {
	year, err := consoleYear(c)
	if err != nil {
		cs.fail(c, err)
		return
	}
	cs.showRegisters(c, http.StatusOK, cs.newView(c, "登记簿"), year)
}

func (cs *console) showRegisters(c *gin.Context, status int, v *view, year int) {
	docs, err := store.ListRegister[models.RegisterDocument](c.Request.Context(), cs.Store, year)
	if err != nil {
		cs.fail(c, err)
		return
	}
	decs, err := store.ListRegister[models.RegisterDecision](c.Request.Context(), cs.Store, year)
	if err != nil {
		cs.fail(c, err)
		return
	}
	cases, err := store.ListRegister[models.RegisterCase](c.Request.Context(), cs.Store, year)
	if err != nil {
		cs.fail(c, err)
		return
	}
	labels := map[string]string{}
	for _, list := range [][]choice{docKinds, decisionKinds, caseKinds, caseResults} {
		for _, o := range list {
			labels[o.Value] = o.Label
		}
	}
	v.D["Year"], v.D["Docs"], v.D["Decisions"], v.D["Cases"], v.D["Labels"] = year, docs, decs, cases, labels
	v.D["DocKinds"], v.D["DecisionKinds"], v.D["CaseKinds"], v.D["CaseResults"] = docKinds, decisionKinds, caseKinds, caseResults
	cs.render(c, status, "registers", v)
}

// registerJSON turns a register form into the JSON its model decodes, so
// the console and the API share the same model validation.
func registerJSON(c *gin.Context, register string) ([]byte, map[string]string) {
	obj := map[string]any{}
	errs := map[string]string{}
	for _, k := range registerFields[register] {
		val := strings.TrimSpace(c.PostForm(k))
		switch k {
		case "count", "amount_yuan":
			n, err := strconv.ParseInt(strings.TrimSuffix(val, "元"), 10, 64)
			if err != nil && val != "" {
				errs[register+"."+k] = "请填写整数"
			}
			obj[k] = n
		case "abolished_on", "concluded_on":
			if val != "" {
				obj[k] = val
			}
		default:
			obj[k] = val
		}
	}
	raw, _ := json.Marshal(obj) // strings and numbers: cannot fail
	return raw, errs
}

// addRegisterEntry adds one entry from a register's form.
func (cs *console) addRegisterEntry(c *gin.Context) {
	name := c.Param("register")
	if _, ok := registerFields[name]; !ok {
		cs.fail(c, models.Errorf(models.ENOTFOUND, "没有这个登记簿"))
		return
	}
	year, _ := strconv.Atoi(c.PostForm("year"))
	v := cs.newView(c, "登记簿")
	for _, k := range registerFields[name] {
		v.Form.Set(name+"."+k, c.PostForm(k))
	}
	raw, errs := registerJSON(c, name)
	var err error
	if len(errs) == 0 {
		err = cs.saveRegisterJSON(c, name, raw)
	}
	var me *models.Error
	switch {
	case len(errs) > 0:
		v.Errors = errs
	case err != nil && asModelError(err, &me) && me.Code == models.EINVALID:
		v.Errors[name+"."+me.Field] = zh(me.Message)
	case err != nil:
		cs.fail(c, err)
		return
	default:
		cs.redirect(c, "/admin/registers?year="+strconv.Itoa(year), "已登记。")
		return
	}
	cs.showRegisters(c, http.StatusBadRequest, v, year)
}

// saveRegisterJSON validates and stores an entry with its audit record.
func (cs *console) saveRegisterJSON(c *gin.Context, name string, raw []byte) error {
	actor := currentUser(c).Username
	audit := models.AuditEntry{Actor: actor, Action: "register." + name + ".save", Detail: string(raw)}
	switch name {
	case "documents":
		return saveEntry[models.RegisterDocument](c, cs.Store, raw, audit, func(v *models.RegisterDocument) error { v.CreatedBy = actor; return v.Validate() })
	case "decisions":
		return saveEntry[models.RegisterDecision](c, cs.Store, raw, audit, func(v *models.RegisterDecision) error { v.CreatedBy = actor; return v.Validate() })
	default:
		return saveEntry[models.RegisterCase](c, cs.Store, raw, audit, func(v *models.RegisterCase) error { v.CreatedBy = actor; return v.Validate() })
	}
}

func saveEntry[T store.Register](c *gin.Context, st *store.Store, raw []byte, audit models.AuditEntry, prepare func(*T) error) error {
	var v T
	if err := json.Unmarshal(raw, &v); err != nil {
		return models.Invalid("note", "无法读取表单")
	}
	if err := prepare(&v); err != nil {
		return err
	}
	return store.SaveRegister(c.Request.Context(), st, &v, 0, audit)
}

// deleteRegisterEntry removes one entry.
func (cs *console) deleteRegisterEntry(c *gin.Context) {
	name := c.Param("register")
	ops, ok := registers[name]
	id, err := pathID(c)
	if !ok {
		err = models.Errorf(models.ENOTFOUND, "没有这个登记簿")
	}
	if err == nil {
		audit := models.AuditEntry{Actor: currentUser(c).Username, Action: "register." + name + ".delete", Target: strconv.FormatUint(uint64(id), 10)}
		err = ops.delete(c.Request.Context(), cs.Store, id, audit)
	}
	if err != nil {
		cs.fail(c, err)
		return
	}
	cs.redirect(c, "/admin/registers?year="+c.PostForm("year"), "已删除。")
}
