package models

import (
	"slices"
	"time"
)

// Roles a console user can hold.
const (
	RoleAdmin    = "admin"
	RoleReviewer = "reviewer"
	RoleEditor   = "editor"
	RoleOfficer  = "officer"
	RoleViewer   = "viewer"
)

// Roles lists every valid role, most powerful first.
var Roles = []string{RoleAdmin, RoleReviewer, RoleEditor, RoleOfficer, RoleViewer}

// ValidRole reports whether r is one of Roles.
func ValidRole(r string) bool { return slices.Contains(Roles, r) }

// User is a console or API account. Passwords are bcrypt hashes.
type User struct {
	ID           uint      `gorm:"primaryKey" json:"id"`
	Username     string    `gorm:"size:64;uniqueIndex;not null" json:"username"`
	DisplayName  string    `gorm:"size:64" json:"display_name"`
	Role         string    `gorm:"size:16;not null" json:"role"`
	PasswordHash string    `gorm:"size:100;not null" json:"-"`
	Disabled     bool      `gorm:"not null" json:"disabled"`
	CreatedAt    time.Time `json:"created_at"`
	UpdatedAt    time.Time `json:"updated_at"`
}

// Can reports whether the user holds any of roles; admins can do everything.
func (u User) Can(roles ...string) bool {
	return !u.Disabled && (u.Role == RoleAdmin || slices.Contains(roles, u.Role))
}

// Session is a login: the cookie or bearer token is the secret, only its
// SHA-256 is stored so a database leak does not leak sessions.
type Session struct {
	ID        uint      `gorm:"primaryKey"`
	TokenHash string    `gorm:"size:64;uniqueIndex;not null"`
	UserID    uint      `gorm:"index;not null"`
	Kind      string    `gorm:"size:16;not null"` // "cookie" or "bearer"
	ExpiresAt time.Time `gorm:"index;not null"`
	CreatedAt time.Time
}

// AuditEntry records who changed what and when. Details never hold secrets
// or unmasked personal data.
type AuditEntry struct {
	ID        uint      `gorm:"primaryKey" json:"id"`
	Actor     string    `gorm:"size:64;index;not null" json:"actor"`
	Action    string    `gorm:"size:64;index;not null" json:"action"`
	Target    string    `gorm:"size:128;index" json:"target"`
	Detail    string    `gorm:"type:text" json:"detail"`
	CreatedAt time.Time `gorm:"index" json:"created_at"`
}
