package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"strings"

	"govmp/config"
)

// version is set at build time with -ldflags "-X main.version=…".
var version = "dev"

const usage = `usage: govmp <command> [flags]

commands:
  serve      run the HTTP server (migrates first unless --no-migrate)
  migrate    create or update the database tables
  user add   add a console user: --username --role admin|reviewer|editor|officer|viewer --password
  menu push  validate and push the menu to WeChat
  sync       pull WeChat statistics: [--followers] [--from YYYY-MM-DD --to YYYY-MM-DD] [--force]
  report     write the annual report: --year 2021 --format md|html|xlsx|json [--out file] [--live]
  backup     copy the SQLite database while the server runs: [--out file]
  simulate   drive a running server exactly as WeChat would
  bench      load generator: callback [--url U[,U…]] [--n N] [--c C] | views --urls U[,U…] --article ID
  version    print the version
`

// command is one CLI verb.
type command func(ctx context.Context, env *environment, args []string) error

// environment is what every command gets: config, output and logger.
type environment struct {
	getenv func(string) string
	cfg    config.Config
	stdout io.Writer
	stderr io.Writer
	log    *slog.Logger
}

// run is the whole program, callable from tests with their own args, env and output.
func run(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	if len(args) < 2 {
		fmt.Fprint(stderr, usage)
		return fmt.Errorf("no command given")
	}
	name, rest := args[1], args[2:]
	if (name == "user" || name == "menu") && len(rest) > 0 {
		name, rest = name+" "+rest[0], rest[1:]
	}
	commands := map[string]command{
		"serve": serveCmd, "migrate": migrateCmd, "user add": userAddCmd, "version": versionCmd,
		"simulate": simulateCmd, "backup": backupCmd, "bench": benchCmd, "menu push": menuPushCmd, "sync": syncCmd,
		"report": reportCmd,
	}
	cmd, ok := commands[name]
	if !ok {
		fmt.Fprint(stderr, usage)
		return fmt.Errorf("unknown command %q", strings.TrimSpace(name))
	}
	if name == "version" {
		return cmd(ctx, &environment{stdout: stdout}, rest)
	}
	cfg, err := config.Load(getenv)
	if err != nil {
		return err
	}
	return cmd(ctx, &environment{getenv: getenv, cfg: cfg, stdout: stdout, stderr: stderr, log: newLogger(cfg, stderr)}, rest)
}

func newLogger(cfg config.Config, w io.Writer) *slog.Logger {
	if cfg.LogFormat == "json" {
		return slog.New(slog.NewJSONHandler(w, nil))
	}
	return slog.New(slog.NewTextHandler(w, nil))
}

func versionCmd(_ context.Context, env *environment, _ []string) error {
	_, err := fmt.Fprintln(env.stdout, "govmp", version)
	return err
}
