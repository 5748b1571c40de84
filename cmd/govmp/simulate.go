package main

import (
	"context"
	"flag"
	"fmt"
	"strings"
	"time"

	"govmp/wechat/wechattest"
)

// simulateCmd drives a running server exactly as WeChat would: signed
// callbacks, encrypted when an AES key is configured, and prints the replies.
func simulateCmd(ctx context.Context, env *environment, args []string) error {
	fs := flag.NewFlagSet("simulate", flag.ContinueOnError)
	fs.SetOutput(env.stderr)
	target := fs.String("url", "http://127.0.0.1"+portOf(env.cfg.HTTPAddr)+"/wechat", "the server's callback URL")
	followers := fs.Int("followers", 3, "how many followers subscribe")
	click := fs.String("click", "COLUMN:dangshi", "menu key the first follower clicks ('' for none)")
	text := fs.String("text", "政策", "text the first follower sends ('' for none)")
	prefix := fs.String("openid-prefix", "oSIM", "prefix of the simulated openids")
	if err := fs.Parse(args); err != nil {
		return err
	}
	cl := &wechattest.CallbackClient{URL: *target, Token: env.cfg.Token, AppID: env.cfg.AppID, EncodingAESKey: env.cfg.AESKey}
	status, echo, err := cl.Verify(ctx)
	if err != nil {
		return fmt.Errorf("simulate: %w", err)
	}
	fmt.Fprintf(env.stdout, "verify: HTTP %d, echostr %q\n", status, echo)
	first := ""
	for i := 0; i < *followers; i++ {
		openid := fmt.Sprintf("%s%06d_%d", *prefix, i, time.Now().Unix())
		if first == "" {
			first = openid
		}
		if err := show(ctx, env, cl, "subscribe "+openid, cl.Subscribe(openid, "")); err != nil {
			return err
		}
	}
	if first == "" {
		return nil
	}
	if *click != "" {
		if err := show(ctx, env, cl, "click "+*click, cl.Click(first, *click)); err != nil {
			return err
		}
	}
	if *text != "" {
		if err := show(ctx, env, cl, "text "+*text, cl.Text(first, *text, time.Now().UnixNano())); err != nil {
			return err
		}
	}
	return nil
}

func show(ctx context.Context, env *environment, cl *wechattest.CallbackClient, what string, msg wechattest.Message) error {
	r, err := cl.Post(ctx, msg)
	if err != nil {
		return fmt.Errorf("simulate: %s: %w", what, err)
	}
	fmt.Fprintf(env.stdout, "%s → HTTP %d", what, r.Status)
	switch {
	case r.Status != 200:
		fmt.Fprintf(env.stdout, " %s\n", strings.TrimSpace(string(r.Body)))
	case r.IsSuccess():
		fmt.Fprintln(env.stdout, " (no reply)")
	case r.MsgType == "news":
		fmt.Fprintf(env.stdout, " news, %d item(s)%s\n", r.ArticleCount, map[bool]string{true: ", encrypted", false: ""}[r.Encrypted])
		for _, a := range r.Articles {
			fmt.Fprintf(env.stdout, "    · %s  %s\n", a.Title, a.URL)
		}
	default:
		fmt.Fprintf(env.stdout, " %s%s: %s\n", r.MsgType, map[bool]string{true: " (encrypted)", false: ""}[r.Encrypted], r.Content)
	}
	return nil
}

// portOf returns ":8080" from ":8080" or "0.0.0.0:8080".
func portOf(addr string) string {
	if i := strings.LastIndex(addr, ":"); i >= 0 {
		return addr[i:]
	}
	return ":8080"
}
