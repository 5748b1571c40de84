// Package store persists govmp's records through GORM on SQLite (the embedded
// default) or MySQL/MariaDB, with the same code for both.
package store

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/glebarez/sqlite"
	"gorm.io/driver/mysql"
	"gorm.io/gorm"
	"gorm.io/gorm/logger"

	"govmp/models"
)

// Store is the database handle shared by every aggregate file in this package.
type Store struct {
	DB      *gorm.DB
	dialect string
}

// Open connects to dsn: "sqlite://path/to.db" or "mysql://user:pass@tcp(host:3306)/db?...".
// SQLite runs in WAL mode with a busy timeout and foreign keys; MySQL uses utf8mb4
// because nicknames and messages carry emoji.
func Open(dsn string) (*Store, error) {
	cfg := &gorm.Config{Logger: logger.Default.LogMode(logger.Silent), TranslateError: true}
	switch {
	case strings.HasPrefix(dsn, "sqlite://"):
		return openSQLite(strings.TrimPrefix(dsn, "sqlite://"), cfg)
	case strings.HasPrefix(dsn, "mysql://"):
		return openMySQL(strings.TrimPrefix(dsn, "mysql://"), cfg)
	}
	return nil, fmt.Errorf("store: unsupported DSN (want sqlite:// or mysql://)")
}

func openSQLite(path string, cfg *gorm.Config) (*Store, error) {
	if path != ":memory:" && !strings.HasPrefix(path, "file:") {
		if err := os.MkdirAll(filepath.Dir(path), 0o750); err != nil {
			return nil, fmt.Errorf("store: unable to create the database folder: %w", err)
		}
	}
	sep := "?"
	if strings.Contains(path, "?") {
		sep = "&"
	}
	full := path + sep + "_pragma=journal_mode(WAL)&_pragma=busy_timeout(10000)&_pragma=foreign_keys(1)&_pragma=synchronous(NORMAL)&_txlock=immediate"
	db, err := gorm.Open(sqlite.Open(full), cfg)
	if err != nil {
		return nil, fmt.Errorf("store: unable to open sqlite: %w", err)
	}
	sqlDB, err := db.DB()
	if err != nil {
		return nil, fmt.Errorf("store: %w", err)
	}
	// One writer at a time is what SQLite allows; a small pool keeps readers
	// concurrent under WAL without piling up busy writers.
	sqlDB.SetMaxOpenConns(4)
	return &Store{DB: db, dialect: "sqlite"}, nil
}

func openMySQL(dsn string, cfg *gorm.Config) (*Store, error) {
	if !strings.Contains(dsn, "parseTime") {
		dsn = addParam(dsn, "parseTime=true")
	}
	if !strings.Contains(dsn, "charset") {
		dsn = addParam(dsn, "charset=utf8mb4")
	}
	if !strings.Contains(dsn, "loc=") {
		dsn = addParam(dsn, "loc=UTC")
	}
	db, err := gorm.Open(mysql.Open(dsn), cfg)
	if err != nil {
		return nil, fmt.Errorf("store: unable to open mysql: %w", err)
	}
	sqlDB, err := db.DB()
	if err != nil {
		return nil, fmt.Errorf("store: %w", err)
	}
	sqlDB.SetMaxOpenConns(32)
	sqlDB.SetMaxIdleConns(32)
	sqlDB.SetConnMaxLifetime(30 * time.Minute)
	return &Store{DB: db, dialect: "mysql"}, nil
}

func addParam(dsn, p string) string {
	if strings.Contains(dsn, "?") {
		return dsn + "&" + p
	}
	return dsn + "?" + p
}

// Dialect is "sqlite" or "mysql".
func (s *Store) Dialect() string { return s.dialect }

// Ping checks the database answers; /readyz uses it.
func (s *Store) Ping(ctx context.Context) error {
	sqlDB, err := s.DB.DB()
	if err != nil {
		return err
	}
	return sqlDB.PingContext(ctx)
}

// Close releases the connection pool.
func (s *Store) Close() error {
	sqlDB, err := s.DB.DB()
	if err != nil {
		return err
	}
	return sqlDB.Close()
}

// allModels is every table govmp owns; Migrate creates or updates them.
var allModels = []any{
	&models.Follower{}, &models.FollowerEvent{}, &models.InboundMessage{},
	&models.User{}, &models.Session{}, &models.AuditEntry{},
	&models.KeywordRule{}, &models.Setting{}, &models.JobFence{},
	&models.Column{}, &models.Category{}, &models.Article{}, &models.ArticleColumn{}, &models.Image{},
	&models.PublishRecord{}, &models.ViewFlush{}, &models.ArticleViewDay{},
	&models.CubeUserDay{}, &models.CubeCumulate{}, &models.CubeArticleRead{}, &models.CubeBizDay{},
	&models.CubeArticleTotal{}, &models.CubeUserRead{}, &models.CubePull{}, &models.SyncState{},
	&models.RegisterDocument{}, &models.RegisterDecision{}, &models.RegisterCase{},
	&models.AnnualReportDraft{}, &models.AnnualReportFinal{},
	&models.DisclosureRequest{}, &models.DisclosureNotice{}, &models.DisclosureReminder{},
	&models.DisclosureCalendarYear{}, &models.DisclosureAttachment{}, &models.DisclosurePurge{},
	&models.Message{}, &models.MessageMedia{}, &models.MessageReply{}, &models.MessageNote{}, &models.ReplyTemplate{},
}

// seeds fill reference data after the tables exist; each must be idempotent.
var seeds = []func(*Store) error{(*Store).seedContent}

// Migrate creates or updates every table. It is explicit (run by `govmp migrate`
// or at `serve` start-up) and repeatable: running it twice changes nothing.
func (s *Store) Migrate() error {
	db := s.DB
	if s.dialect == "mysql" {
		// utf8mb4: nicknames and messages carry emoji.
		db = db.Set("gorm:table_options", "ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci")
	}
	if err := db.AutoMigrate(allModels...); err != nil {
		return fmt.Errorf("store: migration failed: %w", err)
	}
	for _, seed := range seeds {
		if err := seed(s); err != nil {
			return err
		}
	}
	return nil
}
