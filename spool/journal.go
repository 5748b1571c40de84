package spool

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"sync"
	"time"
)

// Journal is an append-only log of text lines in a directory of this
// replica's own, rotated into files that are consumed whole. Lines are
// written with one write call each, so a process killed with SIGKILL keeps
// everything it had written (the kernel holds it); Sync adds an fsync for
// what must also survive a power cut.
type Journal struct {
	dir    string
	prefix string
	mu     sync.Mutex
	f      *os.File
}

// OpenJournal creates dir if needed; files are named prefix-*.log.
func OpenJournal(dir, prefix string) (*Journal, error) {
	if err := os.MkdirAll(dir, 0o750); err != nil {
		return nil, fmt.Errorf("spool: unable to create %s: %w", dir, err)
	}
	return &Journal{dir: dir, prefix: prefix}, nil
}

// Append writes line (without its newline) and, with sync, fsyncs it.
func (j *Journal) Append(line []byte, sync bool) error {
	j.mu.Lock()
	defer j.mu.Unlock()
	if j.f == nil {
		name := filepath.Join(j.dir, fmt.Sprintf("%s-%020d-%d.log", j.prefix, time.Now().UnixNano(), os.Getpid()))
		f, err := os.OpenFile(name, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o640)
		if err != nil {
			return fmt.Errorf("spool: %w", err)
		}
		j.f = f
	}
	if _, err := j.f.Write(append(line, '\n')); err != nil {
		return fmt.Errorf("spool: %w", err)
	}
	if sync {
		return j.f.Sync()
	}
	return nil
}

// Pending reports how many files wait to be consumed.
func (j *Journal) Pending() int {
	files, _ := filepath.Glob(filepath.Join(j.dir, j.prefix+"-*.log"))
	return len(files)
}

// Consume hands each complete file's lines to fn, oldest first, and removes
// a file only after fn succeeded; name identifies the file, so a consumer
// can make applying it idempotent. The open file is rotated first, under
// the lock, so every file listed is complete and later lines go elsewhere.
func (j *Journal) Consume(fn func(name string, lines [][]byte) error) (int, error) {
	j.mu.Lock()
	if j.f != nil {
		j.f.Close()
		j.f = nil
	}
	files, err := filepath.Glob(filepath.Join(j.dir, j.prefix+"-*.log"))
	j.mu.Unlock()
	if err != nil {
		return 0, err
	}
	sort.Strings(files)
	total := 0
	for _, path := range files {
		lines, err := readLines(path)
		if err != nil {
			return total, err
		}
		if len(lines) > 0 {
			if err := fn(filepath.Base(path), lines); err != nil {
				return total, err
			}
		}
		total += len(lines)
		if err := os.Remove(path); err != nil && !errors.Is(err, os.ErrNotExist) {
			return total, err
		}
	}
	return total, nil
}

// readLines returns the complete lines of a file; a torn last line (a crash
// mid-write) is dropped.
func readLines(path string) ([][]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out [][]byte
	r := bufio.NewReaderSize(f, 64<<10)
	for {
		line, err := r.ReadBytes('\n')
		// Only newline-terminated lines are complete; at EOF a line without
		// one was cut off mid-write and is dropped.
		if len(line) > 1 && line[len(line)-1] == '\n' {
			out = append(out, line[:len(line)-1])
		}
		if err != nil {
			break
		}
	}
	return out, nil
}

// Close closes the open file.
func (j *Journal) Close() error {
	j.mu.Lock()
	defer j.mu.Unlock()
	if j.f == nil {
		return nil
	}
	err := j.f.Close()
	j.f = nil
	return err
}
