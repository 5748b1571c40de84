package kv

import (
	"strings"
	"testing"
)

func TestParseRedisURL(t *testing.T) {
	one, err := ParseRedisURL("redis://:pw@127.0.0.1:6379/2")
	if err != nil || len(one.Addrs) != 1 || one.Addrs[0] != "127.0.0.1:6379" || one.Password != "pw" || one.DB != 2 || one.MasterName != "" || one.IsClusterMode {
		t.Fatalf("single: %+v %v", one, err)
	}
	s, err := ParseRedisURL("redis-sentinel://:pw@10.0.0.1:26379,10.0.0.2:26379,10.0.0.3:26379/1?master=govmp&sentinel_password=sp")
	if err != nil || len(s.Addrs) != 3 || s.MasterName != "govmp" || s.Password != "pw" || s.SentinelPassword != "sp" || s.DB != 1 || s.IsClusterMode {
		t.Fatalf("sentinel: %+v %v", s, err)
	}
	c, err := ParseRedisURL("redis-cluster://127.0.0.1:7000,127.0.0.1:7001,127.0.0.1:7002")
	if err != nil || len(c.Addrs) != 3 || !c.IsClusterMode || c.MasterName != "" {
		t.Fatalf("cluster: %+v %v", c, err)
	}
	for _, bad := range []string{
		"127.0.0.1:6379",                        // no scheme
		"memcached://127.0.0.1:11211",           // unknown scheme
		"redis-sentinel://10.0.0.1:26379",       // no master name
		"redis-cluster://127.0.0.1:7000/3",      // a cluster has only db 0
		"redis-sentinel://h1,h2:26379?master=m", // a node without a port
		"redis-sentinel://h1:1/x?master=m",      // bad db
	} {
		if _, err := ParseRedisURL(bad); err == nil {
			t.Errorf("%q accepted", bad)
		} else if !strings.HasPrefix(err.Error(), "kv: ") {
			t.Errorf("%q: %v", bad, err)
		}
	}
}

func TestClusterKeysShareASlot(t *testing.T) {
	if got := (&Redis{cluster: true}).slotKey("govmp:views"); got != "{govmp:views}" {
		t.Fatalf("cluster key %q", got)
	}
	if got := (&Redis{}).slotKey("govmp:views"); got != "govmp:views" {
		t.Fatalf("single-node key %q changed", got)
	}
}
