package main

import (
	"fmt"
	"slices"
	"testing"

	"govmp/models"
)

// walkMatrix signs in as every role and opens every console page and posts
// to every console action: a role outside a page's roles gets the 403 page,
// one inside never does. Actions are only posted where they must be refused,
// so the walk changes nothing.
func walkMatrix(t *testing.T, u *ui, articleID, requestID uint, year int) {
	staff := models.Roles
	editor, reviewer, officer, admin := []string{"editor"}, []string{"reviewer"}, []string{"officer"}, []string{}
	workflow := []string{"editor", "reviewer"}
	pages := []struct {
		path  string
		roles []string
	}{
		{"/admin/", staff}, {"/admin/articles", staff}, {"/admin/articles/new", editor},
		{fmt.Sprintf("/admin/articles/%d", articleID), staff}, {fmt.Sprintf("/admin/articles/%d/edit", articleID), editor},
		{"/admin/review", reviewer}, {"/admin/publications", staff},
		{"/admin/disclosure", officer}, {"/admin/disclosure/new", officer}, {fmt.Sprintf("/admin/disclosure/%d", requestID), officer},
		{"/admin/reports", staff}, {"/admin/registers", staff},
		{"/admin/settings/menu", admin}, {"/admin/settings/replies", admin}, {"/admin/settings/users", admin},
		{"/admin/settings/audit", admin}, {"/admin/settings/account", admin},
	}
	actions := []struct {
		path  string
		roles []string
	}{
		{"/admin/articles", editor}, {fmt.Sprintf("/admin/articles/%d", articleID), editor}, {"/admin/articles/scan", editor},
		{fmt.Sprintf("/admin/articles/%d/do/approve", articleID), workflow}, {fmt.Sprintf("/admin/articles/%d/do/withdraw", articleID), workflow},
		{"/admin/publish", editor}, {"/admin/publications/1/retry", editor},
		{"/admin/disclosure", officer}, {fmt.Sprintf("/admin/disclosure/%d/act", requestID), officer}, {fmt.Sprintf("/admin/disclosure/%d/full", requestID), officer},
		{fmt.Sprintf("/admin/reports/%d/draft", year), officer}, {fmt.Sprintf("/admin/reports/%d/final", year), admin},
		{"/admin/registers/documents", officer}, {"/admin/registers/cases/1/delete", officer},
		{"/admin/settings/menu", admin}, {"/admin/settings/menu/push", admin}, {"/admin/settings/users", admin}, {"/admin/settings/users/1", admin},
		{"/admin/settings/replies/settings", admin}, {"/admin/settings/replies/keywords", admin}, {"/admin/settings/replies/keywords/1/delete", admin},
	}
	for name, role := range consoleUsers {
		u.login(name)
		for _, p := range pages {
			allowed := role == models.RoleAdmin || slices.Contains(p.roles, role)
			u.open(p.path)
			denied := u.has("#error-page") && u.text("#error-page h1") == "无权访问（403）"
			if allowed == denied {
				t.Errorf("%s (%s) GET %s: denied=%t, want %t", name, role, p.path, denied, !allowed)
			}
			if !allowed && u.has(`nav.side a[href="`+p.path+`"]`) {
				t.Errorf("%s (%s) sees a link to %s, which it may not open", name, role, p.path)
			}
		}
		u.open("/admin/")
		for _, a := range actions {
			if role == models.RoleAdmin || slices.Contains(a.roles, role) {
				continue
			}
			if code := u.post(a.path); code != 403 {
				t.Errorf("%s (%s) POST %s: HTTP %d, want 403", name, role, a.path, code)
			}
		}
		u.logout()
	}
}
