package handlers

import (
	"context"
	"encoding/json"
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"govmp/models"
	"govmp/store"
)

// registerOps are the typed operations of one register behind a name.
type registerOps struct {
	list   func(ctx context.Context, st *store.Store, year int) (any, error)
	save   func(c *gin.Context, st *store.Store, id uint, actor string) (any, error)
	delete func(ctx context.Context, st *store.Store, id uint, audit models.AuditEntry) error
}

// registers maps the URL names to the registers of tables 二 and 四.
var registers = map[string]registerOps{
	"documents": opsFor[models.RegisterDocument](func(v *models.RegisterDocument, id uint, actor string) error {
		v.ID, v.CreatedBy = id, actor
		return v.Validate()
	}),
	"decisions": opsFor[models.RegisterDecision](func(v *models.RegisterDecision, id uint, actor string) error {
		v.ID, v.CreatedBy = id, actor
		return v.Validate()
	}),
	"cases": opsFor[models.RegisterCase](func(v *models.RegisterCase, id uint, actor string) error {
		v.ID, v.CreatedBy = id, actor
		return v.Validate()
	}),
}

// opsFor builds a register's operations; prepare sets the ID and author and validates.
func opsFor[T store.Register](prepare func(v *T, id uint, actor string) error) registerOps {
	return registerOps{
		list: func(ctx context.Context, st *store.Store, year int) (any, error) {
			return store.ListRegister[T](ctx, st, year)
		},
		save: func(c *gin.Context, st *store.Store, id uint, actor string) (any, error) {
			var v T
			if err := bindJSON(c, &v); err != nil {
				return nil, err
			}
			if err := prepare(&v, id, actor); err != nil {
				return nil, err
			}
			detail, _ := json.Marshal(v)
			audit := models.AuditEntry{Actor: actor, Action: "register." + c.Param("register") + ".save",
				Target: c.Param("id"), Detail: string(detail)}
			return &v, store.SaveRegister(c.Request.Context(), st, &v, id, audit)
		},
		delete: func(ctx context.Context, st *store.Store, id uint, audit models.AuditEntry) error {
			return store.DeleteRegister[T](ctx, st, id, audit)
		},
	}
}

// register resolves the :register parameter, answering ENOTFOUND itself.
func (s *server) register(c *gin.Context) (registerOps, bool) {
	ops, ok := registers[c.Param("register")]
	if !ok {
		writeError(c, s.Log, models.Errorf(models.ENOTFOUND, "登记簿须为 documents、decisions 或 cases / unknown register"))
	}
	return ops, ok
}

// registerID reads :id; 0 (absent) means a new entry.
func (s *server) registerID(c *gin.Context) (uint, bool) {
	if c.Param("id") == "" {
		return 0, true
	}
	id, err := strconv.ParseUint(c.Param("id"), 10, 32)
	if err != nil || id == 0 {
		writeError(c, s.Log, models.Invalid("id", "id 须为正整数 / id must be a positive integer"))
		return 0, false
	}
	return uint(id), true
}

// listRegister lists a register, optionally one year's entries (?year=2021).
func (s *server) listRegister(c *gin.Context) {
	ops, ok := s.register(c)
	if !ok {
		return
	}
	year := 0
	if v := c.Query("year"); v != "" {
		y, err := strconv.Atoi(v)
		if err != nil || y < 1949 || y > 9999 {
			writeError(c, s.Log, models.Invalid("year", "年度无效 / invalid year"))
			return
		}
		year = y
	}
	list, err := ops.list(c.Request.Context(), s.Store, year)
	if err != nil {
		writeError(c, s.Log, err)
		return
	}
	c.JSON(http.StatusOK, gin.H{"entries": list})
}

// saveRegister creates (POST) or replaces (PUT /:id) an entry, audited.
func (s *server) saveRegister(c *gin.Context) {
	ops, ok := s.register(c)
	if !ok {
		return
	}
	id, ok := s.registerID(c)
	if !ok {
		return
	}
	v, err := ops.save(c, s.Store, id, currentUser(c).Username)
	if err != nil {
		writeError(c, s.Log, err)
		return
	}
	status := http.StatusOK
	if id == 0 {
		status = http.StatusCreated
	}
	c.JSON(status, gin.H{"entry": v})
}

// deleteRegister removes an entry, audited.
func (s *server) deleteRegister(c *gin.Context) {
	ops, ok := s.register(c)
	if !ok {
		return
	}
	id, ok := s.registerID(c)
	if !ok {
		return
	}
	audit := models.AuditEntry{Actor: currentUser(c).Username, Action: "register." + c.Param("register") + ".delete", Target: c.Param("id")}
	if err := ops.delete(c.Request.Context(), s.Store, id, audit); err != nil {
		writeError(c, s.Log, err)
		return
	}
	c.JSON(http.StatusOK, gin.H{"ok": true})
}
