package kv

import (
	"context"
	"errors"
	"strconv"
	"sync"
	"time"

	"github.com/redis/go-redis/v9"
)

// Tally counts hits and distinct members per field (an article and a day,
// say) and hands the hit counts over in sealed batches. A batch survives
// until Drop, so whoever moves it elsewhere can fail and try again; every
// hit is in exactly one live counter or one batch, never both.
type Tally interface {
	// Hit adds one to field's count and member to field's distinct set.
	Hit(ctx context.Context, field, member string) error
	// Seal atomically moves every live count into a new batch named id and
	// reports how many fields it holds (0: nothing to seal, no batch made).
	Seal(ctx context.Context, id string) (int, error)
	// Pending lists sealed batches not yet dropped, oldest first.
	Pending(ctx context.Context) ([]string, error)
	// Batch returns the counts of a sealed batch.
	Batch(ctx context.Context, id string) (map[string]int64, error)
	// Distinct returns how many distinct members each field has seen; these
	// are not reset by Seal (Redis estimates them with HyperLogLog).
	Distinct(ctx context.Context, fields []string) (map[string]int64, error)
	// Drop forgets a batch once it is safely stored.
	Drop(ctx context.Context, id string) error
}

// NewTally returns a tally named name in s: shared through Redis when s is
// Redis, in process otherwise. Distinct sets expire after keep.
func NewTally(s Store, name string, keep time.Duration) Tally {
	if r, ok := s.(*Redis); ok {
		return &redisTally{c: r.Client, name: r.slotKey(name), keep: keep}
	}
	return &memoryTally{keep: keep, counts: map[string]int64{}, uniq: map[string]*memSet{}, batches: map[string]map[string]int64{}}
}

type redisTally struct {
	c    redis.UniversalClient
	name string
	keep time.Duration
}

func (t *redisTally) key(kind, rest string) string { return t.name + ":" + kind + ":" + rest }

// Hit implements Tally in one MULTI: the count and its dirty mark move together.
func (t *redisTally) Hit(ctx context.Context, field, member string) error {
	_, err := t.c.TxPipelined(ctx, func(p redis.Pipeliner) error {
		p.IncrBy(ctx, t.key("c", field), 1)
		p.SAdd(ctx, t.name+":dirty", field)
		p.PFAdd(ctx, t.key("u", field), member)
		p.Expire(ctx, t.key("u", field), t.keep)
		return nil
	})
	return err
}

// sealScript moves every dirty count into the batch hash in one atomic step,
// so a hit lands either before (in the batch) or after (in a fresh counter).
var sealScript = redis.NewScript(`
local fields = redis.call('SMEMBERS', KEYS[1])
redis.call('DEL', KEYS[1])
local n = 0
for _, f in ipairs(fields) do
  local k = ARGV[1] .. f
  local v = redis.call('GET', k)
  if v then
    redis.call('DEL', k)
    redis.call('HINCRBY', KEYS[2], f, v)
    n = n + 1
  end
end
if n > 0 then redis.call('RPUSH', KEYS[3], ARGV[2]) end
return n`)

// Seal implements Tally.
func (t *redisTally) Seal(ctx context.Context, id string) (int, error) {
	n, err := sealScript.Run(ctx, t.c, []string{t.name + ":dirty", t.key("b", id), t.name + ":batches"},
		t.name+":c:", id).Int()
	return n, err
}

// Pending implements Tally.
func (t *redisTally) Pending(ctx context.Context) ([]string, error) {
	return t.c.LRange(ctx, t.name+":batches", 0, -1).Result()
}

// Batch implements Tally.
func (t *redisTally) Batch(ctx context.Context, id string) (map[string]int64, error) {
	raw, err := t.c.HGetAll(ctx, t.key("b", id)).Result()
	if err != nil {
		return nil, err
	}
	out := make(map[string]int64, len(raw))
	for f, v := range raw {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			return nil, errors.New("kv: corrupt tally batch " + id)
		}
		out[f] = n
	}
	return out, nil
}

// Distinct implements Tally.
func (t *redisTally) Distinct(ctx context.Context, fields []string) (map[string]int64, error) {
	cmds := make([]*redis.IntCmd, len(fields))
	_, err := t.c.Pipelined(ctx, func(p redis.Pipeliner) error {
		for i, f := range fields {
			cmds[i] = p.PFCount(ctx, t.key("u", f))
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	out := make(map[string]int64, len(fields))
	for i, f := range fields {
		out[f] = cmds[i].Val()
	}
	return out, nil
}

// Drop implements Tally.
func (t *redisTally) Drop(ctx context.Context, id string) error {
	_, err := t.c.TxPipelined(ctx, func(p redis.Pipeliner) error {
		p.Del(ctx, t.key("b", id))
		p.LRem(ctx, t.name+":batches", 0, id)
		return nil
	})
	return err
}

// memoryTally is the single-replica Tally: exact distinct sets in a map.
type memoryTally struct {
	mu      sync.Mutex
	keep    time.Duration
	counts  map[string]int64
	uniq    map[string]*memSet
	batches map[string]map[string]int64
	order   []string
}

type memSet struct {
	members map[string]struct{}
	touched time.Time
}

// Hit implements Tally.
func (t *memoryTally) Hit(_ context.Context, field, member string) error {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.counts[field]++
	s := t.uniq[field]
	if s == nil {
		if len(t.uniq)%1024 == 0 {
			t.sweep()
		}
		s = &memSet{members: map[string]struct{}{}}
		t.uniq[field] = s
	}
	s.members[member] = struct{}{}
	s.touched = time.Now()
	return nil
}

// sweep forgets distinct sets idle for longer than keep.
func (t *memoryTally) sweep() {
	for f, s := range t.uniq {
		if time.Since(s.touched) > t.keep {
			delete(t.uniq, f)
		}
	}
}

// Seal implements Tally.
func (t *memoryTally) Seal(_ context.Context, id string) (int, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if len(t.counts) == 0 {
		return 0, nil
	}
	b := t.batches[id]
	if b == nil {
		b = map[string]int64{}
		t.batches[id] = b
		t.order = append(t.order, id)
	}
	for f, n := range t.counts {
		b[f] += n
	}
	n := len(t.counts)
	t.counts = map[string]int64{}
	return n, nil
}

// Pending implements Tally.
func (t *memoryTally) Pending(context.Context) ([]string, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	return append([]string(nil), t.order...), nil
}

// Batch implements Tally.
func (t *memoryTally) Batch(_ context.Context, id string) (map[string]int64, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	out := make(map[string]int64, len(t.batches[id]))
	for f, n := range t.batches[id] {
		out[f] = n
	}
	return out, nil
}

// Distinct implements Tally.
func (t *memoryTally) Distinct(_ context.Context, fields []string) (map[string]int64, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	out := make(map[string]int64, len(fields))
	for _, f := range fields {
		if s := t.uniq[f]; s != nil {
			out[f] = int64(len(s.members))
		}
	}
	return out, nil
}

// Drop implements Tally.
func (t *memoryTally) Drop(_ context.Context, id string) error {
	t.mu.Lock()
	defer t.mu.Unlock()
	delete(t.batches, id)
	for i, b := range t.order {
		if b == id {
			t.order = append(t.order[:i], t.order[i+1:]...)
			break
		}
	}
	return nil
}
