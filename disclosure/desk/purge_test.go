package desk

import (
	"context"
	"strings"
	"testing"

	"govmp/disclosure"
	"govmp/store"
	"govmp/store/storetest"
)

// TestYearCountsAndRetentionPurge checks the rows the annual report reads
// and that a purge past the retention period erases the personal data,
// keeps the counts and leaves a record.
func TestYearCountsAndRetentionPurge(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, st *store.Store) {
		d, _, clk := newDesk(t, st, monday)
		ctx := context.Background()
		closed := register(t, d, disclosure.ChannelInPerson, monday)
		if _, err := d.Act(ctx, officer, closed.ID, Action{Action: ActClose, Outcome: "4.1", Text: "本机关不掌握该信息"}); err != nil {
			t.Fatal(err)
		}
		open := register(t, d, disclosure.ChannelInPerson, monday)

		year, err := st.DisclosureYear(ctx, 2026)
		if err != nil || len(year) != 2 {
			t.Fatalf("DisclosureYear: %d requests, %v", len(year), err)
		}
		counts, err := disclosure.CountYear(year, 2026)
		if err != nil || counts.New[disclosure.KindNatural] != 2 || counts.Closed["4.1"][disclosure.KindNatural] != 1 ||
			counts.CarriedOut[disclosure.KindNatural] != 1 {
			t.Fatalf("counts: %+v %v", counts, err)
		}

		clk.t = monday.AddDate(DefaultRetentionYears, 0, 1)
		rec, err := d.Purge(ctx, "admin")
		if err != nil || rec.Count != 1 || rec.Numbers != closed.Number {
			t.Fatalf("purge: %+v %v", rec, err)
		}
		row := rawRow(t, st, closed.ID)
		for _, col := range []string{"applicant_name", "id_number_enc", "phone_enc", "description", "reply_text"} {
			if v, _ := row[col].(string); v != "" {
				t.Errorf("purged %s still holds %q", col, v)
			}
		}
		if v, _ := rawRow(t, st, open.ID)["id_number_enc"].(string); !strings.HasPrefix(v, "v1:") {
			t.Errorf("an open request lost its data: %q", v)
		}
		again, err := st.DisclosureYear(ctx, 2026)
		if err != nil || len(again) != 2 || again[0].Outcome != "4.1" {
			t.Fatalf("after purge the year changed: %v %v", again, err)
		}
		if list, _ := st.DisclosurePurges(ctx, 10); len(list) != 1 {
			t.Fatalf("purge records: %+v", list)
		}
	})
}
