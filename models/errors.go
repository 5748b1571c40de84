package models

import (
	"database/sql/driver"
	"errors"
	"fmt"
	"strings"
)

// Error codes, mapped to HTTP status in exactly one place (handlers).
const (
	EINVALID      = "invalid"
	ENOTFOUND     = "not_found"
	ECONFLICT     = "conflict"
	EUNAUTHORIZED = "unauthorized"
	EFORBIDDEN    = "forbidden"
	EUNAVAILABLE  = "unavailable"
	ETOOMANY      = "too_many_requests"
	EINTERNAL     = "internal"
)

// Error is an error a user may see: a code and a plain message, plus the
// field it concerns when it is about input.
type Error struct {
	Code    string
	Field   string
	Message string
}

func (e *Error) Error() string {
	if e.Field != "" {
		return fmt.Sprintf("%s: %s: %s", e.Code, e.Field, e.Message)
	}
	return e.Code + ": " + e.Message
}

// Errorf builds an *Error.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// Invalid builds an EINVALID error about one field.
func Invalid(field, message string) *Error {
	return &Error{Code: EINVALID, Field: field, Message: message}
}

// ErrorCode returns the code of err: its own for an *Error, EUNAVAILABLE
// when the database or cache cannot be reached, else EINTERNAL.
func ErrorCode(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	if unreachable(err) {
		return EUNAVAILABLE
	}
	return EINTERNAL
}

// ErrorMessage returns the user-facing message of err; internal errors are
// never described to clients, an outage is named as one.
func ErrorMessage(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Message
	}
	if unreachable(err) {
		return "数据库暂时无法连接，本次操作未保存，请稍后重试。 / The database is unavailable; nothing was saved, please retry shortly."
	}
	return "Internal error. 系统内部错误，请稍后再试。"
}

// connectionFailures are the texts drivers use when the server is down or
// the connection broke, so a console write during an outage says so plainly.
var connectionFailures = []string{"connection refused", "invalid connection", "bad connection",
	"broken pipe", "connection reset", "server has gone away", "i/o timeout", "sql: database is closed", "no such host"}

func unreachable(err error) bool {
	if err == nil {
		return false
	}
	if errors.Is(err, driver.ErrBadConn) {
		return true
	}
	msg := err.Error()
	for _, f := range connectionFailures {
		if strings.Contains(msg, f) {
			return true
		}
	}
	return false
}
