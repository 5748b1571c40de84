package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"govmp/store"
)

// backupCmd writes a consistent copy of the SQLite database while the server
// runs (VACUUM INTO takes a read snapshot). MySQL has its own tools.
func backupCmd(ctx context.Context, env *environment, args []string) error {
	fs := flag.NewFlagSet("backup", flag.ContinueOnError)
	fs.SetOutput(env.stderr)
	out := fs.String("out", filepath.Join("data", "backup-"+time.Now().Format("20060102-150405")+".db"), "file to write")
	if err := fs.Parse(args); err != nil {
		return err
	}
	st, err := store.Open(env.cfg.DBDSN)
	if err != nil {
		return err
	}
	defer st.Close()
	if st.Dialect() != "sqlite" {
		return fmt.Errorf("backup: the database is MySQL/MariaDB; back it up with mysqldump or mariadb-backup")
	}
	if _, err := os.Stat(*out); err == nil {
		return fmt.Errorf("backup: %s already exists", *out)
	}
	if err := os.MkdirAll(filepath.Dir(*out), 0o750); err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	if err := st.DB.WithContext(ctx).Exec("VACUUM INTO ?", *out).Error; err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	_, err = fmt.Fprintf(env.stdout, "backup written to %s\n", *out)
	return err
}
