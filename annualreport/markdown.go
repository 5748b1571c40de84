package annualreport

import (
	"bytes"
	"strings"
)

// Markdown renders the report as Markdown. Markdown tables cannot merge
// cells, so table 三 names each outcome group on its own row above its
// numbered leaves, and table 四 lists its three groups as rows.
func Markdown(r *Report) []byte {
	var b bytes.Buffer
	for _, bl := range blocks(r) {
		b.WriteString(strings.Repeat("#", bl.Level) + " " + bl.Heading + "\n\n")
		for _, p := range bl.Paras {
			b.WriteString(p + "\n\n")
		}
		switch bl.Heading {
		case h2:
			mdTable2(&b, &r.Table2)
		case h3:
			mdTable3(&b, &r.Table3)
		case h4:
			mdTable4(&b, &r.Table4)
		}
	}
	b.WriteString(r.Organisation + "\n\n")
	if d := signDate(r.SignDate); d != "" {
		b.WriteString(d + "\n")
	}
	return b.Bytes()
}

// mdRow writes one table row, escaping the cell separator.
func mdRow(b *bytes.Buffer, cells ...string) {
	b.WriteString("|")
	for _, c := range cells {
		b.WriteString(" " + strings.ReplaceAll(c, "|", `\|`) + " |")
	}
	b.WriteString("\n")
}

// mdHeader writes a header row and its separator.
func mdHeader(b *bytes.Buffer, cells ...string) {
	mdRow(b, cells...)
	mdRow(b, strings.Split(strings.Repeat("---,", len(cells)-1)+"---", ",")...)
}

// mdTable2 writes table 二 as four small tables, one per item of 第二十条.
func mdTable2(b *bytes.Buffer, t *Table2) {
	b.WriteString("**" + t2Item1 + "**\n\n")
	mdHeader(b, t2Content, t2Issued, t2Abolished, t2InForce)
	for _, d := range []struct {
		label string
		row   DocRow
	}{{t2Rules, t.Rules}, {t2Normative, t.Normative}} {
		mdRow(b, d.label, itoa(d.row.Issued), itoa(d.row.Abolished), itoa(d.row.InForce))
	}
	for _, item := range []struct {
		title, head string
		rows        [][2]string
	}{
		{t2Item5, t2Decisions, [][2]string{{t2Licensing, itoa(t.Licensing)}}},
		{t2Item6, t2Decisions, [][2]string{{t2Penalty, itoa(t.Penalty)}, {t2Coercion, itoa(t.Coercion)}}},
		{t2Item8, t2FeeAmount, [][2]string{{t2Fees, t.FeesWan}}},
	} {
		b.WriteString("\n**" + item.title + "**\n\n")
		mdHeader(b, t2Content, item.head)
		for _, r := range item.rows {
			mdRow(b, r[0], r[1])
		}
	}
	b.WriteString("\n")
}

// mdTable3 writes table 三 with the corner text heading the label column.
func mdTable3(b *bytes.Buffer, t *Table3) {
	b.WriteString("申请人情况：自然人；法人或其他组织（商业企业、科研机构、社会公益组织、法律服务机构、其他）；总计。\n\n")
	mdHeader(b, append([]string{Corner}, columnLabels...)...)
	cells := func(label string, c *Cells) {
		row := []string{label}
		for i := range columnCodes {
			row = append(row, itoa(*c.At(i)))
		}
		mdRow(b, row...)
	}
	blank := make([]string, len(columnCodes))
	cells(LabelNew, &t.New)
	cells(LabelCarriedIn, &t.CarriedIn)
	mdRow(b, append([]string{LabelResults}, blank...)...)
	group := ""
	for i := range t.Outcomes {
		o := &t.Outcomes[i]
		if g := outcomeGroupOf(o.Code); g != "" && g != group {
			mdRow(b, append([]string{g}, blank...)...)
			group = g
		}
		cells(outcomeLabel(o.Code), &o.Cells)
	}
	cells(LabelClosed, &t.Closed)
	cells(LabelCarriedOut, &t.CarriedOut)
	b.WriteString("\n")
}

// mdTable4 writes table 四 with one row per group.
func mdTable4(b *bytes.Buffer, t *Table4) {
	mdHeader(b, append([]string{""}, t4ColLabel...)...)
	labels := []string{t4Review, t4Litigation + "：" + t4Direct, t4Litigation + "：" + t4AfterReview}
	for g := range t4Groups {
		row := []string{labels[g]}
		for c := range t4Columns {
			row = append(row, itoa(*t.group(g).at(c)))
		}
		mdRow(b, row...)
	}
	b.WriteString("\n")
}
