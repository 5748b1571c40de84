package annualreport

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// figureSpec says how a quoted figure is phrased: the words before the
// number and the unit after it. The patterns accept a few words of filler
// ("为", "达", "共", "增加到") so a person's rewording is still checked.
type figureSpec struct {
	prefix, unit string
}

// figureSpecs covers the figures Build quotes; category figures
// ("s1.1.cat.<name>") are phrased "<name>N条" and handled apart.
var figureSpecs = map[string]figureSpec{
	"s1.1.visits":      {`访问总量`, `人次`},
	"s1.1.total":       {`主动公开(?:发布)?(?:政府)?信息`, `条`},
	"s1.2.new":         {`收到(?:和处理)?政府信息公开(?:申请)?(?:件数)?`, `件`},
	"s1.2.carried_in":  {`上年结转`, `件`},
	"s1.2.closed":      {`办结`, `件`},
	"s1.2.carried_out": {`结转下年度继续办理`, `件`},
	"s1.4.articles":    {`发布(?:信息|文章)`, `条|篇`},
	"s1.4.subscribers": {`(?:订阅|关注)人数`, `人`},
	"s1.4.views":       {`(?:浏览|阅读)量`, `人次|次`},
}

// figureRegexp builds the pattern of a figure: prefix, filler without
// digits or sentence punctuation, the number with an optional 万, the unit.
func figureRegexp(id string) *regexp.Regexp {
	spec, ok := figureSpecs[id]
	if !ok {
		name, found := strings.CutPrefix(id, "s1.1.cat.")
		if !found {
			return nil
		}
		spec = figureSpec{regexp.QuoteMeta(name), `条`}
	}
	return regexp.MustCompile(`(?:` + spec.prefix + `)[^0-9，。；,;]{0,10}?` +
		`([0-9][0-9,]*(?:\.[0-9]+)?)\s*(万?)\s*(?:` + spec.unit + `)`)
}

// figureSource returns the table cell or metric a figure must equal, read
// from the report as stored.
func figureSource(r *Report, id string) (int64, bool) {
	t, p := &r.Table3, &r.Platform
	switch id {
	case "s1.1.visits":
		if p.WebsiteVisits == nil {
			return 0, false
		}
		return *p.WebsiteVisits, true
	case "s1.1.total":
		var s int64
		for _, c := range r.Proactive {
			s += c.Count
		}
		return s, true
	case "s1.2.new":
		return t.New.Total, true
	case "s1.2.carried_in":
		return t.CarriedIn.Total, true
	case "s1.2.closed":
		return t.Closed.Total, true
	case "s1.2.carried_out":
		return t.CarriedOut.Total, true
	case "s1.4.articles":
		return p.PublishedArticles, true
	case "s1.4.subscribers":
		return p.Subscribers, true
	case "s1.4.views":
		return p.Views, true
	}
	if name, ok := strings.CutPrefix(id, "s1.1.cat."); ok {
		for _, c := range r.Proactive {
			if c.Name == name {
				return c.Count, true
			}
		}
	}
	return 0, false
}

// proseSection returns the text of a Prose field named by Figure.Section.
func proseSection(p *Prose, section string) (text, heading string) {
	switch section {
	case "proactive":
		return p.Proactive, s1Headings[0]
	case "requests":
		return p.Requests, s1Headings[1]
	case "platform":
		return p.Platform, s1Headings[3]
	}
	return "", section
}

// checkProse is check 7: every figure quoted in section 一 equals its table
// cell or metric. The prose is read as it stands, so a person's edit that
// contradicts the data is caught; a figure whose phrase was removed is not
// a contradiction and is skipped.
func checkProse(r *Report) []Problem {
	var ps []Problem
	for _, f := range r.Figures {
		want, ok := figureSource(r, f.ID)
		re := figureRegexp(f.ID)
		if !ok || re == nil {
			continue
		}
		text, heading := proseSection(&r.Prose, f.Section)
		for _, m := range re.FindAllStringSubmatch(text, -1) {
			got := m[1] + m[2]
			same, wantText := quotedEquals(m[1], m[2] != "", want)
			if same {
				continue
			}
			ps = append(ps, Problem{Check: 7, Cell: f.ID, Table: h1, Row: heading, Column: f.Label,
				Got: got, Want: wantText,
				Message: fmt.Sprintf("%s %s：正文为%s，数据为%s", heading, f.Label, got, wantText)})
			break
		}
	}
	return ps
}

// quotedEquals reports whether a number as written states want, and gives
// want written the same way. A 万 figure states want rounded to as many
// decimals as were written, so "5.1万" states 51,000 and 51,234 alike.
func quotedEquals(num string, wan bool, want int64) (bool, string) {
	num = strings.ReplaceAll(num, ",", "")
	if !wan {
		n, err := strconv.ParseInt(num, 10, 64)
		return err == nil && n == want, itoa(want)
	}
	whole, frac, _ := strings.Cut(num, ".")
	if len(frac) > 4 {
		return false, FormatCount(want)
	}
	units, err := strconv.ParseInt(whole+frac, 10, 64)
	if err != nil {
		return false, FormatCount(want)
	}
	step := int64(1)
	for range 4 - len(frac) {
		step *= 10
	}
	rounded := want / step
	if want%step*2 >= step {
		rounded++
	}
	return units == rounded, FormatCount(want)
}
