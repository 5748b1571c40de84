// Package disclosureweb holds the H5 pages of 依申请公开 (application form,
// receipt, my requests, guide), embedded in the binary: government intranets
// are often offline, so nothing is loaded from a CDN.
package disclosureweb

import (
	"embed"
	"html/template"
)

//go:embed *.html
var files embed.FS

// Templates parses the pages; each page template is named after its file.
func Templates() *template.Template {
	return template.Must(template.New("").ParseFS(files, "*.html"))
}
