package bot

import (
	"context"
	"strconv"
	"sync"
	"time"

	"govmp/models"
	"govmp/store"
)

// CacheTTL is how long a column's articles and the searchable titles are
// reused: after a mass send thousands of followers click the same menu key
// within minutes, and a few seconds' delay in showing a new article is
// nothing against a database query per click.
const CacheTTL = 5 * time.Second

// cache keeps the last answers from the store per key for CacheTTL.
type cache struct {
	mu      sync.Mutex
	columns map[string]columnEntry
	titles  titlesEntry
}

type columnEntry struct {
	at       time.Time
	found    bool
	name     string
	articles []models.Article
}

type titlesEntry struct {
	at     time.Time
	titles []store.PublishedTitle
}

// column returns a column's name and latest articles, from the cache when fresh.
func (b *Bot) column(ctx context.Context, slug string, limit int) (columnEntry, error) {
	key := slug + "|" + strconv.Itoa(limit)
	b.cache.mu.Lock()
	e, ok := b.cache.columns[key]
	b.cache.mu.Unlock()
	if ok && time.Since(e.at) < CacheTTL {
		return e, nil
	}
	e = columnEntry{at: time.Now()}
	col, err := b.Store.ColumnBySlug(ctx, slug)
	switch {
	case models.ErrorCode(err) == models.ENOTFOUND:
	case err != nil:
		return e, err
	default:
		if e.articles, err = b.Store.PublishedInColumn(ctx, col.ID, limit, 0); err != nil {
			return e, err
		}
		e.found, e.name = true, col.Name
	}
	b.cache.mu.Lock()
	if b.cache.columns == nil {
		b.cache.columns = map[string]columnEntry{}
	}
	b.cache.columns[key] = e
	b.cache.mu.Unlock()
	return e, nil
}

// publishedTitles returns the searchable titles, from the cache when fresh.
func (b *Bot) publishedTitles(ctx context.Context) ([]store.PublishedTitle, error) {
	b.cache.mu.Lock()
	e := b.cache.titles
	b.cache.mu.Unlock()
	if e.titles != nil && time.Since(e.at) < CacheTTL {
		return e.titles, nil
	}
	titles, err := b.Store.PublishedTitles(ctx, searchWindow)
	if err != nil {
		return nil, err
	}
	if titles == nil {
		titles = []store.PublishedTitle{}
	}
	b.cache.mu.Lock()
	b.cache.titles = titlesEntry{at: time.Now(), titles: titles}
	b.cache.mu.Unlock()
	return titles, nil
}
