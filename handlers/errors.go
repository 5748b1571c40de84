// Package handlers is govmp's HTTP surface: the WeChat callback, the admin
// JSON API, health and metrics. Handlers decode and validate, call the
// domain, and map errors to statuses in exactly one place.
package handlers

import (
	"errors"
	"log/slog"
	"net/http"

	"github.com/gin-gonic/gin"

	"govmp/models"
)

// statusOf maps error codes to HTTP statuses; the only such mapping.
var statusOf = map[string]int{
	models.EINVALID:      http.StatusBadRequest,
	models.ENOTFOUND:     http.StatusNotFound,
	models.ECONFLICT:     http.StatusConflict,
	models.EUNAUTHORIZED: http.StatusUnauthorized,
	models.EFORBIDDEN:    http.StatusForbidden,
	models.EUNAVAILABLE:  http.StatusServiceUnavailable,
	models.ETOOMANY:      http.StatusTooManyRequests,
	models.EINTERNAL:     http.StatusInternalServerError,
}

// ErrorBody is the one error shape of /api/v1.
type ErrorBody struct {
	Error struct {
		Code    string `json:"code"`
		Field   string `json:"field,omitempty"`
		Message string `json:"message"`
	} `json:"error"`
}

// writeError answers with the error shape; internal errors are logged and
// described to the client only as "Internal error."
func writeError(c *gin.Context, log *slog.Logger, err error) {
	code := models.ErrorCode(err)
	var body ErrorBody
	body.Error.Code = code
	body.Error.Message = models.ErrorMessage(err)
	var me *models.Error
	if errors.As(err, &me) {
		body.Error.Field = me.Field
	}
	if code == models.EINTERNAL {
		log.Error("handlers: internal error", "path", c.FullPath(), "err", err)
	}
	c.AbortWithStatusJSON(statusOf[code], body)
}

// bindJSON decodes the request body into v; a malformed body is EINVALID.
func bindJSON(c *gin.Context, v any) error {
	if err := c.ShouldBindJSON(v); err != nil {
		return models.Errorf(models.EINVALID, "请求体不是有效的 JSON：%s / invalid JSON body", trimErr(err))
	}
	return nil
}

func trimErr(err error) string {
	s := err.Error()
	if len(s) > 200 {
		s = s[:200]
	}
	return s
}
