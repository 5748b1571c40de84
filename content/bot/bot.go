// Package bot answers followers in the chat window with articles: a
// column's latest articles for a menu click, and the best title match for a
// text. Every link carries a short-lived ticket for the follower's openid so
// the H5 page can attribute the view.
package bot

import (
	"context"
	"net/url"
	"strconv"
	"time"

	"govmp/content"
	"govmp/models"
	"govmp/store"
	"govmp/ticket"
	"govmp/wechat"
)

// TicketTTL is how long a link the bot sends identifies its follower.
const TicketTTL = 2 * time.Hour

// Bot builds news replies from the store.
type Bot struct {
	Store     *store.Store
	Tickets   *ticket.Signer
	PublicURL string
	cache     cache
}

// ArticleURL is the H5 link of an article for a follower (openid may be empty).
func (b *Bot) ArticleURL(id uint, openID string) string {
	u := b.PublicURL + "/h5/articles/" + strconv.FormatUint(uint64(id), 10)
	if openID != "" {
		u += "?t=" + url.QueryEscape(b.Tickets.Sign(openID, TicketTTL))
	}
	return u
}

func (b *Bot) item(a models.Article, openID string) wechat.NewsItem {
	return wechat.NewsItem{Title: a.Title, Description: content.Digest(a.Digest, a.Body), PicURL: a.CoverURL, URL: b.ArticleURL(a.ID, openID)}
}

// ColumnNews implements wechat.ColumnSource.
func (b *Bot) ColumnNews(ctx context.Context, slug, openID string, limit int) (string, []wechat.NewsItem, bool, error) {
	col, err := b.column(ctx, slug, limit)
	if err != nil || !col.found {
		return "", nil, false, err
	}
	items := make([]wechat.NewsItem, len(col.articles))
	for i, a := range col.articles {
		items[i] = b.item(a, openID)
	}
	return col.name, items, true, nil
}

// searchWindow is how many recent titles a search considers.
const searchWindow = 2000

// Search implements wechat.SearchSource.
func (b *Bot) Search(ctx context.Context, query, openID string) (wechat.NewsItem, bool, error) {
	titles, err := b.publishedTitles(ctx)
	if err != nil {
		return wechat.NewsItem{}, false, err
	}
	cands := make([]content.Candidate, len(titles))
	byID := map[uint]store.PublishedTitle{}
	for i, t := range titles {
		cands[i] = content.Candidate{ID: t.ID, Title: t.Title, PublishedAt: t.PublishedAt}
		byID[t.ID] = t
	}
	best, ok := content.BestMatch(query, cands)
	if !ok {
		return wechat.NewsItem{}, false, nil
	}
	t := byID[best.ID]
	return wechat.NewsItem{Title: t.Title, Description: t.Digest, PicURL: t.CoverURL, URL: b.ArticleURL(t.ID, openID)}, true, nil
}
