package annualreport

import (
	"encoding/json"
	"fmt"
)

// JSON encodes a report with its stable field names, indented for review
// and diffs.
func JSON(r *Report) ([]byte, error) {
	return json.MarshalIndent(r, "", "  ")
}

// Parse decodes a report written by JSON, possibly edited by a person. It
// checks the shape only (format version, the 21 outcome rows in order), not
// the figures: a loaded report keeps its cells as stored so that Check can
// report wrong totals instead of Parse silently fixing them.
func Parse(data []byte) (*Report, error) {
	var r Report
	if err := json.Unmarshal(data, &r); err != nil {
		return nil, fmt.Errorf("报告JSON无法解析：%w", err)
	}
	if r.Format != FormatVersion {
		return nil, fmt.Errorf("报告格式 %q 不受支持，应为 %q", r.Format, FormatVersion)
	}
	if len(r.Table3.Outcomes) != len(Outcomes) {
		return nil, fmt.Errorf("表三办理结果应有%d项，实有%d项", len(Outcomes), len(r.Table3.Outcomes))
	}
	for i, o := range r.Table3.Outcomes {
		if o.Code != Outcomes[i].Code {
			return nil, fmt.Errorf("表三第%d项办理结果代码为 %q，应为 %q", i+1, o.Code, Outcomes[i].Code)
		}
	}
	return &r, nil
}
