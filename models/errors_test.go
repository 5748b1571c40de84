package models

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

func TestErrorCodesAndMessages(t *testing.T) {
	down := fmt.Errorf("store: unable to save: %w", errors.New("dial tcp 127.0.0.1:3306: connect: connection refused"))
	if ErrorCode(down) != EUNAVAILABLE || !strings.Contains(ErrorMessage(down), "数据库暂时无法连接") {
		t.Fatalf("outage: %s %q", ErrorCode(down), ErrorMessage(down))
	}
	bug := errors.New("index out of range in a query builder")
	if ErrorCode(bug) != EINTERNAL || strings.Contains(ErrorMessage(bug), "index") {
		t.Fatalf("internal errors must not be described: %q", ErrorMessage(bug))
	}
	user := fmt.Errorf("wrapped: %w", Invalid("title", "标题不能为空"))
	if ErrorCode(user) != EINVALID || ErrorMessage(user) != "标题不能为空" {
		t.Fatalf("user error: %s %q", ErrorCode(user), ErrorMessage(user))
	}
}
