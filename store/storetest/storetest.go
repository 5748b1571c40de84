// Package storetest opens real, migrated, throw-away databases for tests:
// SQLite always, and MariaDB/MySQL when GOVMP_TEST_MYSQL_DSN is set.
package storetest

import (
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	_ "github.com/go-sql-driver/mysql" // the driver gorm's mysql dialect uses

	"govmp/store"
)

// Backend names a database a test runs on.
type Backend struct {
	Name string
	DSN  string
}

// Backends lists SQLite and, when configured, MySQL. Each DSN is fresh:
// SQLite in the test's temp dir, MySQL as a new database dropped at cleanup,
// so packages testing in parallel never share tables.
func Backends(t testing.TB) []Backend {
	t.Helper()
	out := []Backend{{Name: "sqlite", DSN: "sqlite://" + filepath.Join(t.TempDir(), "govmp.db")}}
	if base := os.Getenv("GOVMP_TEST_MYSQL_DSN"); base != "" {
		out = append(out, Backend{Name: "mysql", DSN: FreshMySQL(t, base)})
	}
	return out
}

// Open returns a migrated SQLite store.
func Open(t testing.TB) *store.Store {
	t.Helper()
	return OpenDSN(t, "sqlite://"+filepath.Join(t.TempDir(), "govmp.db"))
}

// OpenDSN opens and migrates dsn, closing it at cleanup.
func OpenDSN(t testing.TB, dsn string) *store.Store {
	t.Helper()
	st, err := store.Open(dsn)
	if err != nil {
		t.Fatal(err)
	}
	if err := st.Migrate(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// ForEach runs fn once per backend as a subtest with an open store.
func ForEach(t *testing.T, fn func(t *testing.T, st *store.Store)) {
	for _, b := range Backends(t) {
		t.Run(b.Name, func(t *testing.T) { fn(t, OpenDSN(t, b.DSN)) })
	}
}

// FreshMySQL creates an empty database next to the one in base
// ("mysql://user:pass@tcp(host:port)/db?…") and returns its DSN.
func FreshMySQL(t testing.TB, base string) string {
	t.Helper()
	raw := strings.TrimPrefix(base, "mysql://")
	slash := strings.LastIndex(raw, "/")
	if slash < 0 {
		t.Fatalf("GOVMP_TEST_MYSQL_DSN has no database part: %q", base)
	}
	server, rest := raw[:slash+1], raw[slash+1:]
	params := ""
	if i := strings.Index(rest, "?"); i >= 0 {
		params = rest[i:]
	}
	b := make([]byte, 6)
	_, _ = rand.Read(b)
	name := "govmp_t_" + hex.EncodeToString(b)
	admin, err := sql.Open("mysql", server)
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close()
	if _, err := admin.Exec("CREATE DATABASE " + name + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"); err != nil {
		t.Fatalf("create test database: %v", err)
	}
	t.Cleanup(func() {
		db, err := sql.Open("mysql", server)
		if err == nil {
			_, _ = db.Exec("DROP DATABASE " + name)
			db.Close()
		}
	})
	return fmt.Sprintf("mysql://%s%s%s", server, name, params)
}
