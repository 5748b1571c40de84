// Package console holds the web console's templates, stylesheet and script,
// embedded in the binary: the console runs on government intranets with no
// internet access, so nothing may come from a CDN. It also draws the
// console's charts as SVG on the server, so a chart needs no script at all.
package console

import (
	"embed"
	"fmt"
	"html/template"
	"io/fs"
	"path"
	"strings"
)

//go:embed templates/*.html
var templateFS embed.FS

//go:embed static
var staticFS embed.FS

// Static is the stylesheet and script, served under /admin/static/.
func Static() fs.FS {
	sub, _ := fs.Sub(staticFS, "static") // the directory is embedded above
	return sub
}

// Pages parses every page template together with the layout and the shared
// partials. Each page defines "content", so each gets a template set of its
// own, keyed by its file name without ".html" (e.g. "dashboard").
func Pages(funcs template.FuncMap) (map[string]*template.Template, error) {
	files, err := fs.Glob(templateFS, "templates/*.html")
	if err != nil {
		return nil, err
	}
	base := template.New("layout").Funcs(funcs)
	if _, err := base.ParseFS(templateFS, "templates/_*.html"); err != nil {
		return nil, fmt.Errorf("console: layout: %w", err)
	}
	pages := map[string]*template.Template{}
	for _, f := range files {
		name := strings.TrimSuffix(path.Base(f), ".html")
		if strings.HasPrefix(name, "_") {
			continue
		}
		t, err := base.Clone()
		if err == nil {
			_, err = t.ParseFS(templateFS, f)
		}
		if err != nil {
			return nil, fmt.Errorf("console: page %s: %w", name, err)
		}
		pages[name] = t
	}
	return pages, nil
}
