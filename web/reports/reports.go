// Package reports holds the citizen-facing H5 pages of the published annual
// reports, embedded so the binary serves them without a CDN.
package reports

import (
	"bytes"
	"embed"
	"html/template"
	"time"
)

//go:embed *.html
var files embed.FS

var listTmpl = template.Must(template.ParseFS(files, "list.html"))

// Item is one final report in the list.
type Item struct {
	Year        int
	Title       string
	FinalizedAt time.Time
}

// List renders the list of final reports, newest first.
func List(items []Item) ([]byte, error) {
	var buf bytes.Buffer
	if err := listTmpl.Execute(&buf, items); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
