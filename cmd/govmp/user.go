package main

import (
	"context"
	"flag"
	"fmt"
	"strings"

	"govmp/store"
)

func userAddCmd(ctx context.Context, env *environment, args []string) error {
	fs := flag.NewFlagSet("user add", flag.ContinueOnError)
	fs.SetOutput(env.stderr)
	username := fs.String("username", "", "login name")
	name := fs.String("name", "", "display name")
	role := fs.String("role", "", "admin|reviewer|editor|officer|viewer")
	password := fs.String("password", "", "password (or GOVMP_NEW_PASSWORD)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *password == "" {
		*password = env.getenv("GOVMP_NEW_PASSWORD")
	}
	st, err := store.Open(env.cfg.DBDSN)
	if err != nil {
		return err
	}
	defer st.Close()
	if err := st.Migrate(); err != nil {
		return err
	}
	u, err := st.CreateUser(ctx, strings.TrimSpace(*username), *name, *role, *password)
	if err != nil {
		return err
	}
	if err := st.Audit(ctx, "cli", "user.create", "user:"+u.Username, "role="+u.Role); err != nil {
		return err
	}
	_, err = fmt.Fprintf(env.stdout, "user %s added with role %s\n", u.Username, u.Role)
	return err
}
