package handlers

import (
	"fmt"
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"govmp/models"
)

func (s *server) listUsers(c *gin.Context) {
	users, err := s.Store.Users(c.Request.Context())
	if err != nil {
		writeError(c, s.Log, err)
		return
	}
	c.JSON(http.StatusOK, gin.H{"users": users})
}

type createUserRequest struct {
	Username    string `json:"username"`
	DisplayName string `json:"display_name"`
	Role        string `json:"role"`
	Password    string `json:"password"`
}

func (s *server) createUser(c *gin.Context) {
	var req createUserRequest
	if err := bindJSON(c, &req); err != nil {
		writeError(c, s.Log, err)
		return
	}
	u, err := s.Store.CreateUser(c.Request.Context(), req.Username, req.DisplayName, req.Role, req.Password)
	if err != nil {
		writeError(c, s.Log, err)
		return
	}
	s.audit(c, "user.create", "user:"+u.Username, "role="+u.Role)
	c.JSON(http.StatusCreated, gin.H{"user": u})
}

type updateUserRequest struct {
	Role     string `json:"role"`
	Disabled bool   `json:"disabled"`
}

// updateUser changes a role. Nobody changes their own role or disables
// themselves: a role change always needs a second admin.
func (s *server) updateUser(c *gin.Context) {
	id, err := pathID(c)
	if err != nil {
		writeError(c, s.Log, err)
		return
	}
	var req updateUserRequest
	if err := bindJSON(c, &req); err != nil {
		writeError(c, s.Log, err)
		return
	}
	me := currentUser(c)
	if me.ID == id {
		writeError(c, s.Log, models.Errorf(models.EFORBIDDEN, "不能修改自己的角色或状态 / you cannot change your own role"))
		return
	}
	if err := s.Store.UpdateUserRole(c.Request.Context(), id, req.Role, req.Disabled); err != nil {
		writeError(c, s.Log, err)
		return
	}
	s.audit(c, "user.update", fmt.Sprintf("user:%d", id), fmt.Sprintf("role=%s disabled=%t", req.Role, req.Disabled))
	c.JSON(http.StatusOK, gin.H{"ok": true})
}

func (s *server) listAudit(c *gin.Context) {
	limit := queryInt(c, "limit", 100, 1, 1000)
	entries, err := s.Store.AuditLog(c.Request.Context(), c.Query("actor"), c.Query("action"), limit)
	if err != nil {
		writeError(c, s.Log, err)
		return
	}
	c.JSON(http.StatusOK, gin.H{"entries": entries})
}

// audit writes an audit entry for the current user; a failure is logged,
// the change it describes has already happened.
func (s *server) audit(c *gin.Context, action, target, detail string) {
	if err := s.Store.Audit(c.Request.Context(), currentUser(c).Username, action, target, detail); err != nil {
		s.Log.Error("handlers: audit write failed", "action", action, "err", err)
	}
}

func pathID(c *gin.Context) (uint, error) {
	id, err := strconv.ParseUint(c.Param("id"), 10, 32)
	if err != nil || id == 0 {
		return 0, models.Invalid("id", "ID 必须是正整数 / id must be a positive integer")
	}
	return uint(id), nil
}

// queryInt reads an integer query parameter clamped to [min, max].
func queryInt(c *gin.Context, name string, def, min, max int) int {
	v, err := strconv.Atoi(c.Query(name))
	if err != nil {
		return def
	}
	return clamp(v, min, max)
}

func clamp(v, lo, hi int) int {
	if v < lo {
		return lo
	}
	if v > hi {
		return hi
	}
	return v
}
