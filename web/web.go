// Package web holds the H5 pages citizens open inside WeChat: templates and
// static assets embedded in the binary (no CDN: government intranets are
// often offline, and WeChat's browser is slow to fetch third-party hosts).
package web

import (
	"embed"
	"html/template"
	"io/fs"
)

//go:embed templates/*.html
var templateFS embed.FS

//go:embed static
var staticFS embed.FS

// Static is the static assets, served under /h5/static/.
func Static() fs.FS {
	sub, _ := fs.Sub(staticFS, "static") // the directory is embedded above
	return sub
}

// ContentTemplates parses the article and column pages; funcs are added
// before parsing so the templates can use them.
func ContentTemplates(funcs template.FuncMap) (*template.Template, error) {
	return template.New("h5").Funcs(funcs).ParseFS(templateFS, "templates/h5_*.html")
}
