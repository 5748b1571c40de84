package main

import (
	"io"
	"net"
	"strings"
	"testing"
	"time"
)

// TestSlowClientIsCutOff: a client that trickles its request headers
// (slowloris) is disconnected by the server's read-header timeout instead of
// holding a connection forever.
func TestSlowClientIsCutOff(t *testing.T) {
	base := startServer(t, testEnv(backends(t)[0], nil))
	conn, err := net.Dial("tcp", strings.TrimPrefix(base, "http://"))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := io.WriteString(conn, "POST /wechat HTTP/1.1\r\nHost: x\r\n"); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	_ = conn.SetReadDeadline(time.Now().Add(20 * time.Second))
	for {
		// One more header line every second: never finishing the request.
		if _, err := io.WriteString(conn, "X-Slow: 1\r\n"); err != nil {
			break
		}
		buf := make([]byte, 512)
		_ = conn.SetReadDeadline(time.Now().Add(time.Second))
		if _, err := conn.Read(buf); err != nil && !isTimeout(err) {
			break // the server closed the connection
		}
		if time.Since(start) > 15*time.Second {
			t.Fatal("the server kept a trickling connection open for 15 s")
		}
	}
}

func isTimeout(err error) bool {
	ne, ok := err.(net.Error)
	return ok && ne.Timeout()
}
