package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"time"

	"govmp/models"
	"govmp/stats"
)

// syncCmd pulls WeChat's statistics (and with --followers the follower
// list) into the database: `govmp sync [--followers] [--from D --to D] [--force]`.
// Without dates it runs the daily sync (the last 30 days).
func syncCmd(ctx context.Context, env *environment, args []string) error {
	fs := flag.NewFlagSet("sync", flag.ContinueOnError)
	fs.SetOutput(env.stderr)
	followers := fs.Bool("followers", false, "also pull the full follower list (resumes an interrupted run)")
	from := fs.String("from", "", "first day to backfill, YYYY-MM-DD")
	to := fs.String("to", "", "last day to backfill, YYYY-MM-DD (default: the latest day available)")
	force := fs.Bool("force", false, "pull again days already pulled")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if (*from != "" && !models.ValidDay(*from)) || (*to != "" && !models.ValidDay(*to)) {
		return errors.New("sync: --from and --to must be YYYY-MM-DD")
	}
	if !env.cfg.CanUseAdvancedAPIs() {
		return errors.New("sync: an unverified account has no datacube or user API (WeChat answers 48001); set GOVMP_WECHAT_VERIFIED=true once the account is verified")
	}
	a, err := newApp(env, true)
	if err != nil {
		return err
	}
	defer a.Close()
	s := newSyncer(env, a)
	if *followers {
		n, err := s.SyncFollowers(ctx)
		fmt.Fprintf(env.stdout, "followers: %d stored\n", n)
		if err != nil {
			return fmt.Errorf("sync: followers: %w", err)
		}
	}
	end := *to
	if end == "" {
		end = stats.LatestDay(time.Now())
	}
	start := *from
	if start == "" {
		t, _ := time.Parse(time.DateOnly, end)
		start = t.AddDate(0, 0, -30).Format(time.DateOnly)
	}
	if end < start {
		return errors.New("sync: --to is before --from")
	}
	res, err := s.SyncCube(ctx, start, end, *force)
	fmt.Fprintf(env.stdout, "datacube %s..%s: %d calls, days %v, %d still delayed\n", res.From, res.To, res.Calls, res.Days, res.Delayed)
	if err != nil {
		return fmt.Errorf("sync: %w", err)
	}
	return nil
}
