package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"govmp/annualreport"
	"govmp/models"
	"govmp/store"
)

func TestReportAndSyncCommands(t *testing.T) {
	for _, b := range backends(t) {
		t.Run(b.name, func(t *testing.T) {
			getenv := testEnv(b, nil)
			ctx := context.Background()
			var out, errs bytes.Buffer
			if err := run(ctx, []string{"govmp", "migrate"}, getenv, &out, &errs); err != nil {
				t.Fatal(err, errs.String())
			}
			st := openStore(t, b.dsn)
			doc := models.RegisterDocument{Kind: models.DocNormative, Title: "文件", IssuedOn: "2021-06-10"}
			if err := store.SaveRegister(ctx, st, &doc, 0, models.AuditEntry{Actor: "t", Action: "register.save"}); err != nil {
				t.Fatal(err)
			}
			out.Reset()
			if err := run(ctx, []string{"govmp", "report", "--year", "2021", "--format", "md"}, getenv, &out, &errs); err != nil {
				t.Fatal(err, errs.String())
			}
			if !strings.Contains(out.String(), "| 行政规范性文件 | 1 | 0 | 1 |") {
				t.Fatalf("markdown: %s", out.String())
			}
			file := filepath.Join(t.TempDir(), "r.json")
			if err := run(ctx, []string{"govmp", "report", "--year", "2021", "--format", "json", "--out", file}, getenv, &out, &errs); err != nil {
				t.Fatal(err)
			}
			raw, _ := os.ReadFile(file)
			if r, err := annualreport.Parse(raw); err != nil || r.Table2.Normative.InForce != 1 {
				t.Fatalf("json: %v", err)
			}
			if err := run(ctx, []string{"govmp", "report", "--year", "2021", "--format", "pdf"}, getenv, &out, &errs); err == nil {
				t.Fatal("pdf accepted")
			}
			out.Reset()
			if err := run(ctx, []string{"govmp", "sync", "--from", "2021-01-01", "--to", "2021-01-10"}, getenv, &out, &errs); err != nil {
				t.Fatal(err, errs.String())
			}
			if !strings.Contains(out.String(), "datacube 2021-01-01..2021-01-10") {
				t.Fatalf("sync: %s", out.String())
			}
		})
	}
}
