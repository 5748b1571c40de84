package annualreport

import (
	"bytes"
	"encoding/json"
	"math"
	"math/big"
	"reflect"
	"strings"
	"testing"
)

// fuzzSeeds returns report JSON to start FuzzParseCheckRender from: the seed
// year and the busy year as built, the same with hand edits of the kinds an
// officer makes (wrong totals, negative and huge counts, rewritten prose,
// odd fees and dates), with sections missing, and plain junk.
func fuzzSeeds(f *testing.F) [][]byte {
	build := func(d Data) *Report {
		r, err := Build(d)
		if err != nil {
			f.Fatalf("Build: %v", err)
		}
		return r
	}
	encode := func(r *Report) []byte {
		b, err := JSON(r)
		if err != nil {
			f.Fatalf("JSON: %v", err)
		}
		return b
	}
	seed, busy := build(seedData()), build(busyData())
	out := [][]byte{encode(seed), encode(busy)}
	edits := []func(r *Report){
		func(r *Report) { r.Table3.Closed.Total = 99 },
		func(r *Report) { r.Table3.New.Natural, r.Table3.New.Total = -5, -1 },
		func(r *Report) { r.Table3.Outcomes[3].Cells.Research = math.MaxInt64 },
		// Two huge counts whose int64 sum wraps round to the stored 总计.
		func(r *Report) {
			c := &r.Table3.Outcomes[0].Cells
			c.Natural, c.Commercial, c.Research, c.Total = math.MaxInt64, math.MaxInt64, 2, 0
		},
		func(r *Report) {
			r.Table3.New.Natural, r.Table3.CarriedIn.Natural = math.MaxInt64, 1
			r.Table3.Closed.Natural, r.Table3.CarriedOut.Natural = math.MinInt64, 0
		},
		func(r *Report) { r.Table4.Review = CaseRow{Upheld: math.MaxInt64, Other: 1, Total: math.MinInt64} },
		func(r *Report) { r.Table4.Direct.Total = 7 },
		func(r *Report) {
			r.Table2.Rules = DocRow{Issued: math.MinInt64, Abolished: 1, InForce: math.MaxInt64, PrevInForce: new(int64)}
		},
		func(r *Report) { r.Table2.Normative.InForce, r.Table2.Normative.PrevInForce = 9, nil },
		func(r *Report) { r.Table2.FeesWan = "-0.15" },
		func(r *Report) { r.Table2.FeesWan = "NaN" },
		func(r *Report) { r.Table2.FeesWan = "1e400" },
		func(r *Report) { r.Table2.FeesWan = "12345678901234567890.12345" },
		func(r *Report) { r.PrevCarriedOut = &Cells{Natural: 3, Total: -3} },
		func(r *Report) {
			r.Prose.Platform = strings.Replace(r.Prose.Platform, "5.1万", "5.12345万", 1)
			r.Prose.Requests = strings.Replace(r.Prose.Requests, "9件", "99999999999999999999件", 1)
		},
		func(r *Report) {
			r.Prose.Proactive = "主动公开发布信息1,9,8条，其中：部门文件9.5万条。"
			r.Proactive = append(r.Proactive, Category{Name: "(.*)[", Count: -1}, Category{Name: "", Count: 3})
			r.Figures = append(r.Figures, Figure{ID: "s1.1.cat.(.*)[", Section: "proactive"},
				Figure{ID: "s1.1.cat.", Section: "proactive"}, Figure{ID: "", Section: "nowhere"})
		},
		func(r *Report) { r.Platform.WebsiteVisits = nil },
		func(r *Report) { r.Platform.Views = math.MaxInt64 },
		func(r *Report) { r.SignDate = "2022-13-99" },
		func(r *Report) { r.SignDate = "２０２２-01-19" },
		func(r *Report) {
			r.Organisation = "<script>alert(1)</script>|**"
			r.Columns = []string{"a|b", "\x00"}
			r.Prose.Other = "# 标题\n| a | b |\n\n\r\n" + strings.Repeat("长", 40000)
		},
		func(r *Report) { r.Year = -1 << 62 },
	}
	for _, base := range []*Report{seed, busy} {
		for _, edit := range edits {
			b := encode(base)
			r, err := Parse(b)
			if err != nil {
				f.Fatalf("Parse: %v", err)
			}
			edit(r)
			out = append(out, encode(r))
		}
	}
	// Sections removed from the JSON, as a person trimming the file would.
	for _, key := range []string{"prose", "proactive", "platform", "figures", "table2", "table3", "table4", "format"} {
		var m map[string]any
		if err := json.Unmarshal(encode(busy), &m); err != nil {
			f.Fatal(err)
		}
		delete(m, key)
		b, err := json.Marshal(m)
		if err != nil {
			f.Fatal(err)
		}
		out = append(out, b)
	}
	compact := new(bytes.Buffer)
	if err := json.Compact(compact, encode(busy)); err != nil {
		f.Fatal(err)
	}
	return append(out, compact.Bytes(), encode(busy)[:200], []byte(`{"format":"govmp.report.v1"}`),
		[]byte(`{"format":"govmp.report.v1","table3":{"outcomes":null}}`), []byte(`null`), []byte(`[]`),
		[]byte(`{"format":"govmp.report.v1","year":1e99}`), []byte("\xff\xfe{"), []byte{})
}

// FuzzParseCheckRender feeds Parse arbitrary bytes, as a report file edited
// by hand may hold anything. Whatever Parse accepts must go through Check
// and every renderer without a panic; every problem must name a cell the
// renderers know; and Check must flag exactly the totals that are wrong in
// true arithmetic, however large the stored counts.
func FuzzParseCheckRender(f *testing.F) {
	for _, b := range fuzzSeeds(f) {
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := Parse(data)
		if err != nil {
			if r != nil {
				t.Fatalf("Parse returned a report with error %v", err)
			}
			return
		}
		if r.Format != FormatVersion || len(r.Table3.Outcomes) != len(Outcomes) {
			t.Fatalf("Parse accepted format %q with %d outcomes", r.Format, len(r.Table3.Outcomes))
		}
		// A loaded report must save and load back unchanged.
		b, err := JSON(r)
		if err != nil {
			t.Fatalf("JSON: %v", err)
		}
		back, err := Parse(b)
		if err != nil || !reflect.DeepEqual(r, back) {
			t.Fatalf("JSON round trip: %v\n%+v\n%+v", err, r, back)
		}

		ps := Check(r, nil)
		checkProblemCells(t, r, ps)
		checkExactTotals(t, r, ps)
		checkProblemCells(t, r, Check(r, r))

		page := string(HTML(r, ps...))
		for _, p := range ps {
			if p.Check != 7 && !strings.Contains(page, `id="`+p.Cell+`" class="problem"`) {
				t.Fatalf("HTML does not highlight %s", p.Cell)
			}
		}
		Markdown(r)
		if _, err := XLSX(r); err != nil {
			t.Fatalf("XLSX: %v", err)
		}
	})
}

// cellIDs returns the id of every number cell the renderers lay out.
func cellIDs(r *Report) map[string]bool {
	ids := map[string]bool{}
	for _, g := range []grid{table2Grid(&r.Table2), table3Grid(&r.Table3), table4Grid(&r.Table4)} {
		for _, c := range g.Cells {
			if c.ID != "" {
				ids[c.ID] = true
			}
		}
	}
	return ids
}

// checkProblemCells requires every problem to be numbered 1–8 and to name a
// laid-out cell, or for check 7 one of the report's figures, and every
// related cell to be laid out, so a renderer can always point at them.
func checkProblemCells(t *testing.T, r *Report, ps []Problem) {
	t.Helper()
	ids := cellIDs(r)
	figs := map[string]bool{}
	for _, f := range r.Figures {
		figs[f.ID] = true
	}
	for _, p := range ps {
		if p.Check < 1 || p.Check > 8 || p.Cell == "" || p.Message == "" {
			t.Fatalf("malformed problem %+v", p)
		}
		if !ids[p.Cell] && !(p.Check == 7 && figs[p.Cell]) {
			t.Fatalf("problem names unknown cell %q: %+v", p.Cell, p)
		}
		for _, id := range p.Related {
			if !ids[id] {
				t.Fatalf("problem relates unknown cell %q: %+v", id, p)
			}
		}
	}
}

// bigSum adds counts without wrapping.
func bigSum(vs ...int64) *big.Int {
	s := new(big.Int)
	for _, v := range vs {
		s.Add(s, big.NewInt(v))
	}
	return s
}

// checkExactTotals recomputes checks 1, 2, 3, 5 and 6 in unbounded
// arithmetic and requires Check to report a problem on exactly the cells
// whose stored value differs from the true sum.
func checkExactTotals(t *testing.T, r *Report, ps []Problem) {
	t.Helper()
	want := map[string]bool{}
	differs := func(check int, cell string, stored int64, sum *big.Int) {
		if sum.Cmp(big.NewInt(stored)) != 0 {
			want[problemKey(check, cell)] = true
		}
	}
	t3 := &r.Table3
	for i, code := range columnCodes {
		left := bigSum(*t3.New.At(i), *t3.CarriedIn.At(i))
		right := bigSum(*t3.Closed.At(i), *t3.CarriedOut.At(i))
		if left.Cmp(right) != 0 {
			want[problemKey(1, "t3.r4."+code)] = true
		}
		var leaves []int64
		for _, o := range t3.Outcomes {
			leaves = append(leaves, *o.Cells.At(i))
		}
		differs(2, "t3.r7."+code, *t3.Closed.At(i), bigSum(leaves...))
	}
	for _, row := range t3Rows(t3) {
		c := row.Cells
		differs(3, row.ID+".total", c.Total,
			bigSum(c.Natural, c.Commercial, c.Research, c.PublicWelfare, c.LegalService, c.OtherOrg))
	}
	for _, d := range []struct {
		id  string
		row DocRow
	}{{"t2.rules", r.Table2.Rules}, {"t2.normative", r.Table2.Normative}} {
		if d.row.PrevInForce != nil {
			sum := bigSum(*d.row.PrevInForce, d.row.Issued)
			sum.Sub(sum, big.NewInt(d.row.Abolished))
			differs(5, d.id+".in_force", d.row.InForce, sum)
		}
	}
	for g, code := range t4Groups {
		c := r.Table4.group(g)
		differs(6, "t4."+code+".total", c.Total, bigSum(c.Upheld, c.Corrected, c.Other, c.Pending))
	}
	got := map[string]bool{}
	for _, p := range ps {
		switch p.Check {
		case 1, 2, 3, 5, 6:
			got[problemKey(p.Check, p.Cell)] = true
		}
	}
	for k := range want {
		if !got[k] {
			t.Fatalf("Check missed wrong cell %s; problems %+v", k, briefs(ps))
		}
	}
	for k := range got {
		if !want[k] {
			t.Fatalf("Check reported %s, which is right", k)
		}
	}
}

// problemKey identifies a problem by check number and cell.
func problemKey(check int, cell string) string {
	return string(rune('0'+check)) + ":" + cell
}
