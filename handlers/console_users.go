package handlers

import (
	"fmt"
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"

	"govmp/models"
)

// usersPage lists accounts with their roles and the form to add one.
func (cs *console) usersPage(c *gin.Context) {
	cs.showUsers(c, http.StatusOK, cs.newView(c, "用户与角色"))
}

func (cs *console) showUsers(c *gin.Context, status int, v *view) {
	users, err := cs.Store.Users(c.Request.Context())
	if err != nil {
		cs.fail(c, err)
		return
	}
	v.D["Users"], v.D["Roles"] = users, models.Roles
	if v.Form.Get("role") == "" {
		v.Form.Set("role", models.RoleEditor)
	}
	cs.render(c, status, "users", v)
}

func (cs *console) createUser(c *gin.Context) {
	v := cs.newView(c, "用户与角色")
	for _, k := range []string{"username", "display_name", "role"} {
		v.Form.Set(k, strings.TrimSpace(c.PostForm(k)))
	}
	u, err := cs.Store.CreateUser(c.Request.Context(), v.Form.Get("username"), v.Form.Get("display_name"), v.Form.Get("role"), c.PostForm("password"))
	if models.ErrorCode(err) == models.ECONFLICT {
		err = models.Invalid("username", models.ErrorMessage(err))
	}
	if err != nil {
		if !formError(v, err) {
			cs.fail(c, err)
			return
		}
		cs.showUsers(c, http.StatusBadRequest, v)
		return
	}
	cs.audit(c, "user.create", "user:"+u.Username, "role="+u.Role)
	cs.redirect(c, "/admin/settings/users", fmt.Sprintf("已添加用户 %s（%s）。", u.Username, roleLabels[u.Role]))
}

// updateUser changes a role or disables an account; as in the API, nobody
// changes their own, so a role change always takes a second admin.
func (cs *console) updateUser(c *gin.Context) {
	id, err := pathID(c)
	if err != nil {
		cs.fail(c, err)
		return
	}
	if currentUser(c).ID == id {
		cs.fail(c, models.Errorf(models.EFORBIDDEN, "不能修改自己的角色或状态。"))
		return
	}
	role, disabled := c.PostForm("role"), c.PostForm("disabled") == "1"
	if err := cs.Store.UpdateUserRole(c.Request.Context(), id, role, disabled); err != nil {
		cs.fail(c, err)
		return
	}
	cs.audit(c, "user.update", fmt.Sprintf("user:%d", id), fmt.Sprintf("role=%s disabled=%t", role, disabled))
	cs.redirect(c, "/admin/settings/users", "已保存用户设置。")
}

// auditPage shows the newest audit entries, filtered by actor or action.
func (cs *console) auditPage(c *gin.Context) {
	v := cs.newView(c, "审计日志")
	v.Form.Set("actor", c.Query("actor"))
	v.Form.Set("action", c.Query("action"))
	entries, err := cs.Store.AuditLog(c.Request.Context(), c.Query("actor"), c.Query("action"), queryInt(c, "limit", 200, 1, 1000))
	if err != nil {
		cs.fail(c, err)
		return
	}
	v.D["Entries"] = entries
	cs.render(c, http.StatusOK, "audit", v)
}
