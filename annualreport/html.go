package annualreport

import (
	"bytes"
	"html/template"
	"sort"
	"strings"
)

// block is one piece of the rendered document, in reading order.
type block struct {
	Heading string
	Level   int      // 1 title, 2 section, 3 sub-section
	Paras   []string // prose paragraphs
	Table   *grid
}

// blocks lays out the whole report in order. Markdown and HTML share it so
// the two never disagree on what the report contains.
func blocks(r *Report) []block {
	p := &r.Prose
	bs := []block{
		{Heading: r.Title(), Level: 1},
		{Heading: h1, Level: 2, Paras: paras(p.Intro)},
	}
	for i, text := range []string{p.Proactive, p.Requests, p.Management, p.Platform, p.Supervision} {
		bs = append(bs, block{Heading: s1Headings[i], Level: 3, Paras: paras(text)})
	}
	t2, t3, t4 := table2Grid(&r.Table2), table3Grid(&r.Table3), table4Grid(&r.Table4)
	return append(bs,
		block{Heading: h2, Level: 2, Table: &t2},
		block{Heading: h3, Level: 2, Table: &t3},
		block{Heading: h4, Level: 2, Table: &t4},
		block{Heading: h5, Level: 2, Paras: paras(p.Problems)},
		block{Heading: h6, Level: 2, Paras: paras(p.Other)},
	)
}

// paras splits prose into its non-empty paragraphs.
func paras(s string) []string {
	var out []string
	for _, line := range strings.Split(s, "\n") {
		if line = strings.TrimSpace(line); line != "" {
			out = append(out, line)
		}
	}
	return out
}

// signDate prints YYYY-MM-DD as 2022年1月19日; anything else is kept as is.
func signDate(s string) string {
	var y, m, d int
	if len(s) == 10 && s[4] == '-' && s[7] == '-' {
		y, m, d = atoi(s[:4]), atoi(s[5:7]), atoi(s[8:])
	}
	if y == 0 || m == 0 || d == 0 {
		return s
	}
	return itoa(int64(y)) + "年" + itoa(int64(m)) + "月" + itoa(int64(d)) + "日"
}

// atoi parses digits, giving 0 for anything else.
func atoi(s string) int {
	n := 0
	for _, c := range s {
		if c < '0' || c > '9' {
			return 0
		}
		n = n*10 + int(c-'0')
	}
	return n
}

// htmlCell is a grid cell ready for the template.
type htmlCell struct {
	Tag, Text, ID, Title string
	RS, CS               int
	Problem              bool
}

// htmlRows turns a grid into HTML rows, flagging cells named by problems.
func htmlRows(g *grid, flagged map[string]string) [][]htmlCell {
	rows := make([][]htmlCell, g.Rows)
	cells := append([]gcell{}, g.Cells...)
	sort.SliceStable(cells, func(i, j int) bool { return cells[i].C < cells[j].C })
	for _, c := range cells {
		hc := htmlCell{Tag: "td", Text: c.Text, ID: c.ID, RS: c.RS, CS: c.CS}
		if c.Head {
			hc.Tag = "th"
		}
		if msg, ok := flagged[c.ID]; ok && c.ID != "" {
			hc.Problem, hc.Title = true, msg
		}
		rows[c.R] = append(rows[c.R], hc)
	}
	return rows
}

var htmlTmpl = template.Must(template.New("report").Parse(`<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>{{.Title}}</title>
<style>
body{font-family:"FangSong","STFangsong","SimSun",serif;max-width:60em;margin:2em auto;line-height:1.8;color:#000}
h1{text-align:center;font-size:1.6em}h2{font-size:1.25em}h3{font-size:1.1em}
p{text-indent:2em;margin:.4em 0}
table{border-collapse:collapse;width:100%;margin:.6em 0;font-size:.9em;page-break-inside:auto}
th,td{border:1px solid #000;padding:.2em .4em;vertical-align:middle}
th{font-weight:normal;text-align:left}td{text-align:center}
.problem{background:#fdd;outline:2px solid #c00}
.problems{border:2px solid #c00;padding:.5em 1em}.problems li{text-indent:0}
.sign{text-align:right;text-indent:0}
@page{size:A4;margin:2cm}@media print{body{margin:0;max-width:none}.problems{display:none}}
</style></head><body>
{{if .Problems}}<div class="problems"><strong>检查发现的问题</strong><ul>{{range .Problems}}<li><a href="#{{.Cell}}">{{.Message}}</a></li>{{end}}</ul></div>{{end}}
{{range .Blocks}}{{if eq .Level 1}}<h1>{{.Heading}}</h1>{{else if eq .Level 2}}<h2>{{.Heading}}</h2>{{else}}<h3>{{.Heading}}</h3>{{end}}
{{range .Paras}}<p>{{.}}</p>
{{end}}{{with .Rows}}<table>
{{range .}}<tr>{{range .}}{{if eq .Tag "th"}}<th{{if gt .RS 1}} rowspan="{{.RS}}"{{end}}{{if gt .CS 1}} colspan="{{.CS}}"{{end}}>{{.Text}}</th>{{else}}<td{{if .ID}} id="{{.ID}}"{{end}}{{if .Problem}} class="problem" title="{{.Title}}"{{end}}{{if gt .CS 1}} colspan="{{.CS}}"{{end}}>{{.Text}}</td>{{end}}{{end}}</tr>
{{end}}</table>
{{end}}{{end}}<p class="sign">{{.Organisation}}</p>
{{with .Date}}<p class="sign">{{.}}</p>{{end}}
</body></html>
`))

// htmlBlock is a block with its table already turned into HTML rows.
type htmlBlock struct {
	block
	Rows [][]htmlCell
}

// HTML renders the report as one printable, self-contained page in the
// official table layout. Cells named by the given problems (and the cells
// related to them) get class "problem" and the message as a tooltip; every
// number cell carries its cell id as its HTML id so a problem list can link to it.
func HTML(r *Report, problems ...Problem) []byte {
	flagged := map[string]string{}
	for _, p := range problems {
		for _, id := range append([]string{p.Cell}, p.Related...) {
			if flagged[id] != "" {
				flagged[id] += "；"
			}
			flagged[id] += p.Message
		}
	}
	var bs []htmlBlock
	for _, b := range blocks(r) {
		hb := htmlBlock{block: b}
		if b.Table != nil {
			hb.Rows = htmlRows(b.Table, flagged)
		}
		bs = append(bs, hb)
	}
	var buf bytes.Buffer
	err := htmlTmpl.Execute(&buf, map[string]any{"Title": r.Title(), "Blocks": bs, "Problems": problems,
		"Organisation": r.Organisation, "Date": signDate(r.SignDate)})
	if err != nil {
		// The template is fixed and its data plain strings and ints, so this
		// cannot happen with any report; still, degrade to a page saying so
		// rather than panic in a request handler.
		return []byte("<!DOCTYPE html><p>报告生成失败：" + template.HTMLEscapeString(err.Error()) + "</p>")
	}
	return buf.Bytes()
}
