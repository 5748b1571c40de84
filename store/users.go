package store

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"sync"
	"time"

	"golang.org/x/crypto/bcrypt"
	"gorm.io/gorm"

	"govmp/models"
)

// CreateUser adds a console user with a bcrypt-hashed password.
func (s *Store) CreateUser(ctx context.Context, username, displayName, role, password string) (*models.User, error) {
	switch {
	case username == "" || len(username) > 64:
		return nil, models.Invalid("username", "用户名须为1–64个字符 / username must be 1–64 characters")
	case !models.ValidRole(role):
		return nil, models.Invalid("role", "角色须为 admin、reviewer、editor、officer 或 viewer / unknown role")
	case len(password) < 10:
		return nil, models.Invalid("password", "密码至少10个字符 / password must have at least 10 characters")
	case len(password) > 72:
		return nil, models.Invalid("password", "密码最多72个字节 / password must have at most 72 bytes")
	}
	hash, err := bcrypt.GenerateFromPassword([]byte(password), bcrypt.DefaultCost)
	if err != nil {
		return nil, fmt.Errorf("store: unable to hash password: %w", err)
	}
	u := &models.User{Username: username, DisplayName: displayName, Role: role, PasswordHash: string(hash)}
	err = s.DB.WithContext(ctx).Create(u).Error
	if errors.Is(err, gorm.ErrDuplicatedKey) {
		return nil, models.Errorf(models.ECONFLICT, "用户名 %s 已存在 / username already exists", username)
	}
	if err != nil {
		return nil, fmt.Errorf("store: unable to create user: %w", err)
	}
	return u, nil
}

// Users lists every user.
func (s *Store) Users(ctx context.Context) ([]models.User, error) {
	var users []models.User
	if err := s.DB.WithContext(ctx).Order("id").Find(&users).Error; err != nil {
		return nil, fmt.Errorf("store: unable to list users: %w", err)
	}
	return users, nil
}

// UserByID returns one user or ENOTFOUND.
func (s *Store) UserByID(ctx context.Context, id uint) (*models.User, error) {
	var u models.User
	err := s.DB.WithContext(ctx).First(&u, id).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return nil, models.Errorf(models.ENOTFOUND, "用户不存在 / user not found")
	}
	if err != nil {
		return nil, fmt.Errorf("store: unable to find user: %w", err)
	}
	return &u, nil
}

// UpdateUserRole changes role and disabled state.
func (s *Store) UpdateUserRole(ctx context.Context, id uint, role string, disabled bool) error {
	if !models.ValidRole(role) {
		return models.Invalid("role", "未知角色 / unknown role")
	}
	res := s.DB.WithContext(ctx).Model(&models.User{}).Where("id = ?", id).
		Updates(map[string]any{"role": role, "disabled": disabled})
	if res.Error != nil {
		return fmt.Errorf("store: unable to update user: %w", res.Error)
	}
	if res.RowsAffected == 0 {
		return models.Errorf(models.ENOTFOUND, "用户不存在 / user not found")
	}
	return nil
}

// errBadLogin is the same for an unknown user and a wrong password, so a
// login form does not reveal which usernames exist.
var errBadLogin = models.Errorf(models.EUNAUTHORIZED, "用户名或密码错误 / wrong username or password")

// dummyHash is compared against for unknown users so that the response time
// does not tell whether a username exists.
var dummyHash = sync.OnceValue(func() []byte {
	h, _ := bcrypt.GenerateFromPassword([]byte("govmp-dummy-password"), bcrypt.DefaultCost)
	return h
})

// Authenticate checks a username and password.
func (s *Store) Authenticate(ctx context.Context, username, password string) (*models.User, error) {
	var u models.User
	err := s.DB.WithContext(ctx).Where("username = ?", username).First(&u).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		_ = bcrypt.CompareHashAndPassword(dummyHash(), []byte(password)) // same time as a real check
		return nil, errBadLogin
	}
	if err != nil {
		return nil, fmt.Errorf("store: unable to find user: %w", err)
	}
	if u.Disabled || bcrypt.CompareHashAndPassword([]byte(u.PasswordHash), []byte(password)) != nil {
		return nil, errBadLogin
	}
	return &u, nil
}

// NewSession stores a session of kind "cookie" or "bearer" and returns its
// secret token; only the token's hash is kept.
func (s *Store) NewSession(ctx context.Context, userID uint, kind string, ttl time.Duration) (string, error) {
	raw := make([]byte, 32)
	if _, err := rand.Read(raw); err != nil {
		return "", err
	}
	token := hex.EncodeToString(raw)
	sess := models.Session{TokenHash: hashToken(token), UserID: userID, Kind: kind, ExpiresAt: time.Now().Add(ttl)}
	if err := s.DB.WithContext(ctx).Create(&sess).Error; err != nil {
		return "", fmt.Errorf("store: unable to create session: %w", err)
	}
	return token, nil
}

// SessionUser returns the user behind a live session token of the given kind.
func (s *Store) SessionUser(ctx context.Context, token, kind string) (*models.User, error) {
	var sess models.Session
	err := s.DB.WithContext(ctx).Where("token_hash = ? AND kind = ? AND expires_at > ?", hashToken(token), kind, time.Now()).First(&sess).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return nil, models.Errorf(models.EUNAUTHORIZED, "登录已过期，请重新登录 / session expired, please sign in")
	}
	if err != nil {
		return nil, fmt.Errorf("store: unable to find session: %w", err)
	}
	u, err := s.UserByID(ctx, sess.UserID)
	if err != nil || u.Disabled {
		return nil, models.Errorf(models.EUNAUTHORIZED, "账号不可用 / account unavailable")
	}
	return u, nil
}

// EndSession deletes a session (logout).
func (s *Store) EndSession(ctx context.Context, token string) error {
	return s.DB.WithContext(ctx).Where("token_hash = ?", hashToken(token)).Delete(&models.Session{}).Error
}

func hashToken(t string) string {
	sum := sha256.Sum256([]byte(t))
	return hex.EncodeToString(sum[:])
}

// Audit writes one audit-log entry.
func (s *Store) Audit(ctx context.Context, actor, action, target, detail string) error {
	e := models.AuditEntry{Actor: actor, Action: action, Target: target, Detail: detail}
	if err := s.DB.WithContext(ctx).Create(&e).Error; err != nil {
		return fmt.Errorf("store: unable to write audit log: %w", err)
	}
	return nil
}

// AuditLog lists the newest entries first, optionally for one actor or action.
func (s *Store) AuditLog(ctx context.Context, actor, action string, limit int) ([]models.AuditEntry, error) {
	q := s.DB.WithContext(ctx).Order("id DESC").Limit(limit)
	if actor != "" {
		q = q.Where("actor = ?", actor)
	}
	if action != "" {
		q = q.Where("action = ?", action)
	}
	var out []models.AuditEntry
	if err := q.Find(&out).Error; err != nil {
		return nil, fmt.Errorf("store: unable to read audit log: %w", err)
	}
	return out, nil
}
