package main

import (
	"context"
	"fmt"

	"govmp/store"
)

func migrateCmd(_ context.Context, env *environment, _ []string) error {
	st, err := store.Open(env.cfg.DBDSN)
	if err != nil {
		return err
	}
	defer st.Close()
	if err := st.Migrate(); err != nil {
		return err
	}
	_, err = fmt.Fprintln(env.stdout, "migrated")
	return err
}
