package annualreport

import (
	"strconv"

	"github.com/xuri/excelize/v2"
)

// XLSX renders the report as a workbook: a sheet with the prose of the
// report, then one sheet per table (表二, 表三, 表四) with the official
// merged header cells. Counts are written as numbers so they can be summed.
func XLSX(r *Report) ([]byte, error) {
	f := excelize.NewFile()
	defer f.Close()
	const prose = "总体情况"
	if err := f.SetSheetName("Sheet1", prose); err != nil {
		return nil, err
	}
	if err := xlsxProse(f, prose, r); err != nil {
		return nil, err
	}
	for _, g := range []grid{table2Grid(&r.Table2), table3Grid(&r.Table3), table4Grid(&r.Table4)} {
		if _, err := f.NewSheet(g.Name); err != nil {
			return nil, err
		}
		if err := xlsxGrid(f, &g); err != nil {
			return nil, err
		}
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// xlsxProse writes headings and paragraphs down column A, one per row.
func xlsxProse(f *excelize.File, sheet string, r *Report) error {
	row := 1
	put := func(s string) error {
		cell, _ := excelize.CoordinatesToCellName(1, row)
		row++
		return f.SetCellStr(sheet, cell, s)
	}
	for _, b := range blocks(r) {
		if err := put(b.Heading); err != nil {
			return err
		}
		for _, p := range b.Paras {
			if err := put(p); err != nil {
				return err
			}
		}
	}
	if err := put(r.Organisation); err != nil {
		return err
	}
	if err := put(signDate(r.SignDate)); err != nil {
		return err
	}
	return f.SetColWidth(sheet, "A", "A", 120)
}

// xlsxGrid writes a laid-out table, merging spanned cells.
func xlsxGrid(f *excelize.File, g *grid) error {
	style, err := f.NewStyle(&excelize.Style{
		Border: []excelize.Border{{Type: "left", Style: 1, Color: "000000"}, {Type: "top", Style: 1, Color: "000000"},
			{Type: "right", Style: 1, Color: "000000"}, {Type: "bottom", Style: 1, Color: "000000"}},
		Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true},
	})
	if err != nil {
		return err
	}
	for _, c := range g.Cells {
		tl, _ := excelize.CoordinatesToCellName(c.C+1, c.R+1)
		br, _ := excelize.CoordinatesToCellName(c.C+c.CS, c.R+c.RS)
		if err := xlsxValue(f, g.Name, tl, c); err != nil {
			return err
		}
		if c.RS > 1 || c.CS > 1 {
			if err := f.MergeCell(g.Name, tl, br); err != nil {
				return err
			}
		}
	}
	last, _ := excelize.CoordinatesToCellName(g.Cols, g.Rows)
	if err := f.SetCellStyle(g.Name, "A1", last, style); err != nil {
		return err
	}
	return f.SetColWidth(g.Name, "A", "C", 24)
}

// xlsxValue writes a cell: number cells as numbers, the rest as text. The
// fee keeps its exact decimal text if it does not parse as a number.
func xlsxValue(f *excelize.File, sheet, cell string, c gcell) error {
	if c.ID != "" {
		if n, err := strconv.ParseInt(c.Text, 10, 64); err == nil {
			return f.SetCellInt(sheet, cell, n)
		}
		if x, err := strconv.ParseFloat(c.Text, 64); err == nil {
			return f.SetCellFloat(sheet, cell, x, -1, 64)
		}
	}
	return f.SetCellStr(sheet, cell, c.Text)
}
