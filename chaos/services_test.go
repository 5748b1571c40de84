//go:build chaos

package chaos

import (
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"syscall"
	"testing"
	"time"
)

// freePort asks the kernel for an unused loopback port.
func freePort(t *testing.T) int {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port
}

// service is a private server process the suite may stop and start again.
type service struct {
	t    *testing.T
	name string
	args []string
	port int
	cmd  *exec.Cmd
	log  string
}

func (s *service) start() {
	s.t.Helper()
	f, err := os.OpenFile(s.log, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o644)
	if err != nil {
		s.t.Fatal(err)
	}
	s.cmd = exec.Command(s.args[0], s.args[1:]...)
	s.cmd.Stdout, s.cmd.Stderr = f, f
	s.cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := s.cmd.Start(); err != nil {
		s.t.Fatalf("%s: %v", s.name, err)
	}
	waitPort(s.t, s.port, 60*time.Second)
}

// stop ends the process with sig and waits for it.
func (s *service) stop(sig syscall.Signal) {
	if s.cmd == nil || s.cmd.Process == nil {
		return
	}
	_ = syscall.Kill(-s.cmd.Process.Pid, sig)
	_ = s.cmd.Wait()
	s.cmd = nil
}

func waitPort(t *testing.T, port int, limit time.Duration) {
	t.Helper()
	deadline := time.Now().Add(limit)
	for time.Now().Before(deadline) {
		if c, err := net.DialTimeout("tcp", "127.0.0.1:"+strconv.Itoa(port), 200*time.Millisecond); err == nil {
			c.Close()
			return
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatalf("nothing listens on port %d after %s", port, limit)
}

// startMariaDB initialises a data directory in dir and runs a private
// MariaDB on a spare port, so restarting it never disturbs the machine's own.
func startMariaDB(t *testing.T, dir string) *service {
	t.Helper()
	data := filepath.Join(dir, "mariadb")
	out, err := exec.Command("mariadb-install-db", "--no-defaults", "--datadir="+data, "--user=root",
		"--auth-root-authentication-method=normal", "--skip-test-db").CombinedOutput()
	if err != nil {
		t.Fatalf("mariadb-install-db: %v\n%s", err, out)
	}
	port := freePort(t)
	s := &service{t: t, name: "mariadb", port: port, log: filepath.Join(dir, "mariadb.log"), args: []string{
		"/usr/sbin/mariadbd", "--no-defaults", "--datadir=" + data, "--port=" + strconv.Itoa(port),
		"--bind-address=127.0.0.1", "--socket=" + filepath.Join(dir, "mariadb.sock"), "--user=root",
		"--skip-log-bin", "--innodb-buffer-pool-size=64M", "--max-connections=500",
	}}
	s.start()
	t.Cleanup(func() { s.stop(syscall.SIGTERM) })
	for i := 0; ; i++ {
		out, err := exec.Command("mysql", "-uroot", "-h127.0.0.1", "-P"+strconv.Itoa(port),
			"-e", "CREATE DATABASE IF NOT EXISTS govmp CHARACTER SET utf8mb4").CombinedOutput()
		if err == nil {
			break
		}
		if i > 50 {
			t.Fatalf("create database: %v %s", err, out)
		}
		time.Sleep(200 * time.Millisecond)
	}
	return s
}

// startRedis runs a private Redis on a spare port with an append-only file,
// as production should: view counts live there between flushes, and a
// restart must not lose them.
func startRedis(t *testing.T, dir string) *service {
	t.Helper()
	port := freePort(t)
	s := &service{t: t, name: "redis", port: port, log: filepath.Join(dir, "redis.log"), args: []string{
		"redis-server", "--port", strconv.Itoa(port), "--bind", "127.0.0.1", "--save", "",
		"--appendonly", "yes", "--appendfsync", "always", "--dir", dir,
	}}
	s.start()
	t.Cleanup(func() { s.stop(syscall.SIGTERM) })
	return s
}

func (s *service) dsn() string {
	return fmt.Sprintf("mysql://root@tcp(127.0.0.1:%d)/govmp", s.port)
}

func (s *service) url() string { return fmt.Sprintf("redis://127.0.0.1:%d/0", s.port) }
