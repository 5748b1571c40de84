//go:build chaos

package chaos

import (
	"bufio"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// buildGovmp compiles the server once for the suite.
func buildGovmp(t *testing.T, dir string) string {
	t.Helper()
	bin := filepath.Join(dir, "govmp")
	if out, err := exec.Command("go", "build", "-o", bin, "govmp/cmd/govmp").CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	return bin
}

// replica is one `govmp serve` process with a spool directory of its own.
type replica struct {
	t     *testing.T
	bin   string
	env   []string
	spool string
	cmd   *exec.Cmd
	url   string
}

func (r *replica) start() {
	r.t.Helper()
	r.cmd = exec.Command(r.bin, "serve", "--addr", "127.0.0.1:0")
	r.cmd.Env = append(append([]string{}, r.env...), "GOVMP_SPOOL_DIR="+r.spool)
	r.cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	stdout, _ := r.cmd.StdoutPipe()
	logf, err := os.OpenFile(r.spool+".log", os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o644)
	if err != nil {
		r.t.Fatal(err)
	}
	r.cmd.Stderr = logf
	if err := r.cmd.Start(); err != nil {
		r.t.Fatal(err)
	}
	sc := bufio.NewScanner(stdout)
	found := make(chan string, 1)
	go func() {
		for sc.Scan() {
			if u, ok := strings.CutPrefix(sc.Text(), "govmp: listening on "); ok {
				found <- u
			}
		}
	}()
	select {
	case r.url = <-found:
	case <-time.After(60 * time.Second):
		r.t.Fatal("replica did not start")
	}
}

func (r *replica) stop(sig syscall.Signal) {
	if r.cmd == nil {
		return
	}
	_ = syscall.Kill(-r.cmd.Process.Pid, sig)
	_ = r.cmd.Wait()
	r.cmd = nil
}
