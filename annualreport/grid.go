package annualreport

// gcell is one cell of a table laid out as in the official format: its
// top-left position, its span, and for number cells the stable cell id.
// HTML and XLSX both render from this layout, so their merges agree.
type gcell struct {
	R, C, RS, CS int
	Text         string
	Head         bool
	ID           string
}

// grid is a laid-out table.
type grid struct {
	Name  string // sheet name and caption
	Rows  int
	Cols  int
	Cells []gcell
}

// add places a cell; spans below 1 count as 1.
func (g *grid) add(r, c, rs, cs int, text string, head bool, id string) {
	rs, cs = max(rs, 1), max(cs, 1)
	g.Cells = append(g.Cells, gcell{R: r, C: c, RS: rs, CS: cs, Text: text, Head: head, ID: id})
	g.Rows, g.Cols = max(g.Rows, r+rs), max(g.Cols, c+cs)
}

// num places a number cell.
func (g *grid) num(r, c int, v int64, id string) { g.add(r, c, 1, 1, itoa(v), false, id) }

// table2Grid lays out 主动公开政府信息情况 as four stacked blocks of four
// columns, one per item of 第二十条.
func table2Grid(t *Table2) grid {
	g := grid{Name: "表二"}
	g.add(0, 0, 1, 4, t2Item1, true, "")
	g.add(1, 0, 1, 1, t2Content, true, "")
	g.add(1, 1, 1, 1, t2Issued, true, "")
	g.add(1, 2, 1, 1, t2Abolished, true, "")
	g.add(1, 3, 1, 1, t2InForce, true, "")
	for i, d := range []struct {
		id, label string
		row       DocRow
	}{{"t2.rules", t2Rules, t.Rules}, {"t2.normative", t2Normative, t.Normative}} {
		g.add(2+i, 0, 1, 1, d.label, true, "")
		g.num(2+i, 1, d.row.Issued, d.id+".issued")
		g.num(2+i, 2, d.row.Abolished, d.id+".abolished")
		g.num(2+i, 3, d.row.InForce, d.id+".in_force")
	}
	r := 4
	// The single-value items span their value across the three columns.
	block := func(item, colHead string, rows ...[3]string) {
		g.add(r, 0, 1, 4, item, true, "")
		g.add(r+1, 0, 1, 1, t2Content, true, "")
		g.add(r+1, 1, 1, 3, colHead, true, "")
		r += 2
		for _, x := range rows {
			g.add(r, 0, 1, 1, x[0], true, "")
			g.add(r, 1, 1, 3, x[1], false, x[2])
			r++
		}
	}
	block(t2Item5, t2Decisions, [3]string{t2Licensing, itoa(t.Licensing), "t2.licensing"})
	block(t2Item6, t2Decisions, [3]string{t2Penalty, itoa(t.Penalty), "t2.penalty"},
		[3]string{t2Coercion, itoa(t.Coercion), "t2.coercion"})
	block(t2Item8, t2FeeAmount, [3]string{t2Fees, t.FeesWan, "t2.fees"})
	return g
}

// table3Grid lays out 收到和处理政府信息公开申请情况: three label columns
// (row, group, leaf), six applicant columns and 总计, under a three-row header.
func table3Grid(t *Table3) grid {
	g := grid{Name: "表三"}
	g.add(0, 0, 3, 3, Corner, true, "")
	g.add(0, 3, 1, 7, "申请人情况", true, "")
	g.add(1, 3, 2, 1, columnLabels[0], true, "")
	g.add(1, 4, 1, 5, "法人或其他组织", true, "")
	g.add(1, 9, 2, 1, columnLabels[6], true, "")
	for i := 1; i <= 5; i++ {
		g.add(2, 3+i, 1, 1, columnLabels[i], true, "")
	}
	nums := func(r int, id string, c *Cells) {
		for i, code := range columnCodes {
			g.num(r, 3+i, *c.At(i), id+"."+code)
		}
	}
	g.add(3, 0, 1, 3, LabelNew, true, "")
	nums(3, "t3.r1", &t.New)
	g.add(4, 0, 1, 3, LabelCarriedIn, true, "")
	nums(4, "t3.r2", &t.CarriedIn)
	r := 5
	g.add(r, 0, len(t.Outcomes)+1, 1, LabelResults, true, "")
	for i := 0; i < len(t.Outcomes); {
		group, span := outcomeGroup(t.Outcomes, i)
		if group == "" {
			g.add(r, 1, 1, 2, outcomeLabel(t.Outcomes[i].Code), true, "")
		} else {
			g.add(r, 1, span, 1, group, true, "")
		}
		for k := i; k < i+span; k++ {
			if group != "" {
				g.add(r, 2, 1, 1, outcomeLabel(t.Outcomes[k].Code), true, "")
			}
			nums(r, "t3.o"+t.Outcomes[k].Code, &t.Outcomes[k].Cells)
			r++
		}
		i += span
	}
	g.add(r, 1, 1, 2, LabelClosed, true, "")
	nums(r, "t3.r7", &t.Closed)
	g.add(r+1, 0, 1, 3, LabelCarriedOut, true, "")
	nums(r+1, "t3.r4", &t.CarriedOut)
	return g
}

// outcomeGroup returns the group header of the outcome at i and how many
// consecutive outcomes share it (1 for the ungrouped （一） and （二）).
func outcomeGroup(rows []OutcomeRow, i int) (string, int) {
	group := outcomeGroupOf(rows[i].Code)
	if group == "" {
		return "", 1
	}
	n := 1
	for i+n < len(rows) && outcomeGroupOf(rows[i+n].Code) == group {
		n++
	}
	return group, n
}

// outcomeGroupOf returns an outcome code's group header, "" if ungrouped.
func outcomeGroupOf(code string) string {
	if k := outcomeIndex(code); k >= 0 {
		return Outcomes[k].Group
	}
	return ""
}

// outcomeLabel returns an outcome code's verbatim label, or the code itself
// for an unknown code (a malformed edit stays visible rather than hidden).
func outcomeLabel(code string) string {
	if k := outcomeIndex(code); k >= 0 {
		return Outcomes[k].Label
	}
	return code
}

// table4Grid lays out 政府信息公开行政复议、行政诉讼情况: 行政复议 and the two
// 行政诉讼 groups side by side, five columns each, one row of numbers.
func table4Grid(t *Table4) grid {
	g := grid{Name: "表四"}
	g.add(0, 0, 2, 5, t4Review, true, "")
	g.add(0, 5, 1, 10, t4Litigation, true, "")
	g.add(1, 5, 1, 5, t4Direct, true, "")
	g.add(1, 10, 1, 5, t4AfterReview, true, "")
	for gi, code := range t4Groups {
		for c, col := range t4Columns {
			g.add(2, gi*5+c, 1, 1, t4ColLabel[c], true, "")
			g.num(3, gi*5+c, *t.group(gi).at(c), "t4."+code+"."+col)
		}
	}
	return g
}
