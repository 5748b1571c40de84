package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"

	"govmp/kv"
	"govmp/menu"
	"govmp/models"
	"govmp/store"
	"govmp/wechat"
)

// menuPushCmd validates a menu and pushes it to WeChat: the file given with
// --file, else the menu saved in the console, else the default menu.
func menuPushCmd(ctx context.Context, env *environment, args []string) error {
	fs := flag.NewFlagSet("menu push", flag.ContinueOnError)
	fs.SetOutput(env.stderr)
	file := fs.String("file", "", "menu JSON file ({\"button\":[…]}); default: the saved menu")
	dryRun := fs.Bool("dry-run", false, "validate and print the menu without pushing it")
	if err := fs.Parse(args); err != nil {
		return err
	}
	m, source, err := loadMenu(ctx, env, *file)
	if err != nil {
		return err
	}
	if err := menu.Validate(m); err != nil {
		return err
	}
	if *dryRun {
		_, err := fmt.Fprintf(env.stdout, "menu from %s is valid (%d buttons); not pushed\n", source, len(m.Button))
		return err
	}
	// The shared cache lets the CLI reuse the servers' access token instead
	// of fetching (and with the classic endpoint, invalidating) another.
	cache, err := kv.Open(env.cfg.RedisURL)
	if err != nil {
		return err
	}
	defer cache.Close()
	client := wechat.NewClient(env.cfg, cache, env.log)
	if err := client.PushMenuSpec(ctx, m); err != nil {
		return errors.New(models.ErrorMessage(wechat.UserError(err)))
	}
	_, err = fmt.Fprintf(env.stdout, "menu from %s pushed (%d buttons)\n", source, len(m.Button))
	return err
}

func loadMenu(ctx context.Context, env *environment, file string) (menu.Menu, string, error) {
	if file != "" {
		raw, err := os.ReadFile(file)
		if err != nil {
			return menu.Menu{}, "", fmt.Errorf("menu push: %w", err)
		}
		m, err := menu.Parse(raw)
		return m, file, err
	}
	st, err := store.Open(env.cfg.DBDSN)
	if err != nil {
		return menu.Menu{}, "", err
	}
	defer st.Close()
	if err := st.Migrate(); err != nil {
		return menu.Menu{}, "", err
	}
	raw, err := st.MenuJSON(ctx)
	if err != nil {
		return menu.Menu{}, "", err
	}
	if raw == "" {
		return menu.Default(env.cfg.PublicURL), "the default menu", nil
	}
	m, err := menu.Parse([]byte(raw))
	return m, "the saved menu", err
}
