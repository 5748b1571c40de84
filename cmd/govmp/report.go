package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"time"

	"govmp/annualreport/gather"
	"govmp/stats"
	"govmp/store"
)

// reportCmd writes a year's annual report:
// `govmp report --year 2021 --format md|html|xlsx|json [--out file] [--live]`.
// A final year prints its frozen snapshot unless --live asks for the data as
// it is now. Failed checks are listed on stderr; the report is still written.
func reportCmd(ctx context.Context, env *environment, args []string) error {
	fs := flag.NewFlagSet("report", flag.ContinueOnError)
	fs.SetOutput(env.stderr)
	year := fs.Int("year", time.Now().Year()-1, "report year (2021 or later)")
	format := fs.String("format", "md", "md, html, xlsx or json")
	out := fs.String("out", "", "output file (default: standard output)")
	live := fs.Bool("live", false, "build from the data as it is now even if the year is final")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if _, ok := gather.Formats[*format]; !ok {
		return fmt.Errorf("report: --format must be md, html, xlsx or json, not %q", *format)
	}
	if *format == "xlsx" && *out == "" {
		return errors.New("report: xlsx is binary; give --out file.xlsx")
	}
	st, err := store.Open(env.cfg.DBDSN)
	if err != nil {
		return err
	}
	defer st.Close()
	reports := &gather.Reports{Src: stats.StoreSources(st), Now: time.Now}
	get := reports.Current
	if *live {
		get = reports.Live
	}
	res, err := get(ctx, *year)
	if err != nil {
		return fmt.Errorf("report: %w", err)
	}
	body, err := gather.Render(res.Report, *format, res.Problems)
	if err != nil {
		return fmt.Errorf("report: %w", err)
	}
	for _, p := range res.Problems {
		fmt.Fprintf(env.stderr, "check %d failed at %s: %s\n", p.Check, p.Cell, p.Message)
	}
	for _, n := range res.Notes {
		fmt.Fprintln(env.stderr, "note:", n)
	}
	if *out == "" {
		_, err = env.stdout.Write(body)
		return err
	}
	return os.WriteFile(*out, body, 0o640)
}
