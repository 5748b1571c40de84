package gather

import (
	"bytes"
	"encoding/json"
	"strconv"

	"govmp/annualreport"
	"govmp/models"
)

// Cells flattens a report into addressable values: "table3.new.natural",
// "table3.outcomes.3.2.total" (outcome rows by code), "prose.platform", ….
func Cells(r *annualreport.Report) map[string]string {
	raw, _ := annualreport.JSON(r) // plain data: cannot fail
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var v any
	_ = dec.Decode(&v)
	out := map[string]string{}
	flatten("", v, out)
	return out
}

func flatten(prefix string, v any, out map[string]string) {
	join := func(k string) string {
		if prefix == "" {
			return k
		}
		return prefix + "." + k
	}
	switch x := v.(type) {
	case map[string]any:
		for k, child := range x {
			flatten(join(k), child, out)
		}
	case []any:
		for i, child := range x {
			key := strconv.Itoa(i)
			// Outcome rows and figures are addressed by their code or id, not position.
			if m, ok := child.(map[string]any); ok {
				if c, ok := m["code"].(string); ok {
					key = c
				} else if id, ok := m["id"].(string); ok {
					key = id
				} else if n, ok := m["name"].(string); ok {
					key = n
				}
			}
			flatten(join(key), child, out)
		}
	case nil:
		out[prefix] = ""
	default:
		out[prefix] = stringOf(x)
	}
}

func stringOf(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case json.Number:
		return x.String()
	case bool:
		return strconv.FormatBool(x)
	}
	return ""
}

// Formats are the download formats with their content types and extensions.
var Formats = map[string]struct{ ContentType, Ext string }{
	"md":   {"text/markdown; charset=utf-8", "md"},
	"html": {"text/html; charset=utf-8", "html"},
	"xlsx": {"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"},
	"json": {"application/json; charset=utf-8", "json"},
}

// Render writes a report in one of Formats; problems are highlighted in HTML.
func Render(r *annualreport.Report, format string, problems []annualreport.Problem) ([]byte, error) {
	switch format {
	case "md":
		return annualreport.Markdown(r), nil
	case "html":
		return annualreport.HTML(r, problems...), nil
	case "xlsx":
		return annualreport.XLSX(r)
	case "json":
		return annualreport.JSON(r)
	}
	return nil, models.Invalid("format", "格式须为 md、html、xlsx 或 json / format must be md, html, xlsx or json")
}
