package main

import (
	"context"
	"errors"
)

func menuPushCmd(context.Context, *environment, []string) error { return errors.New("todo") }
func syncCmd(context.Context, *environment, []string) error     { return errors.New("todo") }
