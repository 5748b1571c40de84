package gather_test

import (
	"fmt"
	"testing"

	"govmp/annualreport"
	"govmp/models"

	"govmp/annualreport/gather"
	"govmp/store"
	"govmp/store/storetest"
)

// busyFacts has requests from every applicant type, outcomes in all six
// groups, some carried in from 2021 and some carried out to 2023.
func busyFacts() facts {
	var f facts
	add := func(kind, recv, closed, outcome string) {
		f = append(f, gather.RequestFact{ID: fmt.Sprintf("YSQ-%03d", len(f)+1), Kind: kind, ReceivedOn: recv, ClosedOn: closed, Outcome: outcome})
	}
	outcomes := []string{"1", "2", "3.1", "3.4", "3.8", "4.1", "4.3", "5.2", "5.4", "6.1", "6.2", "6.3"}
	for i, kind := range annualreport.Applicants {
		for j := 0; j <= i; j++ {
			o := outcomes[(i+j)%len(outcomes)]
			add(kind, fmt.Sprintf("2022-%02d-%02d", 2+i, 3+j), fmt.Sprintf("2022-%02d-%02d", 3+i, 10+j), o)
		}
	}
	add(annualreport.Natural, "2021-12-20", "2022-01-15", "1")        // carried in
	add(annualreport.Commercial, "2021-12-28", "2022-02-01", "4.2")   // carried in
	add(annualreport.Natural, "2022-12-20", "2023-01-10", "1")        // carried out
	add(annualreport.LegalService, "2022-12-29", "2023-01-20", "5.1") // carried out
	add(annualreport.Research, "2022-12-30", "", "")                  // still open
	add(annualreport.PublicWelfare, "2021-05-01", "2021-06-01", "1")  // an earlier year only
	add(annualreport.OtherOrg, "2023-02-01", "2023-02-20", "3.6")     // a later year only
	return f
}

// busyRegisters fills tables 二 and 四 for 2022.
func busyRegisters(t *testing.T, st *store.Store) {
	t.Helper()
	saveDoc(t, st, models.DocRule, "规章甲", "2020-03-01", nil)
	saveDoc(t, st, models.DocNormative, "文件甲", "2021-06-10", strp("2022-05-01"))
	saveDoc(t, st, models.DocNormative, "文件乙", "2022-07-01", nil)
	saveDoc(t, st, models.DocNormative, "文件丙", "2022-09-01", nil)
	audit := models.AuditEntry{Actor: "test", Action: "register.save"}
	for _, d := range []models.RegisterDecision{{Kind: models.DecisionLicensing, Day: "2022-06-30", Count: 12},
		{Kind: models.DecisionPenalty, Day: "2022-12-31", Count: 3}, {Kind: models.DecisionFee, Day: "2022-12-31", AmountYuan: 1500}} {
		if err := store.SaveRegister(ctx, st, &d, 0, audit); err != nil {
			t.Fatal(err)
		}
	}
	for _, c := range []models.RegisterCase{
		{Kind: models.CaseReview, FiledOn: "2022-03-01", Result: models.ResultUpheld, ConcludedOn: strp("2022-05-01")},
		{Kind: models.CaseReview, FiledOn: "2022-11-01", Result: models.ResultCorrected, ConcludedOn: strp("2023-02-01")},
		{Kind: models.CaseDirect, FiledOn: "2022-04-01", Result: models.ResultOther, ConcludedOn: strp("2022-08-01")},
	} {
		if err := store.SaveRegister(ctx, st, &c, 0, audit); err != nil {
			t.Fatal(err)
		}
	}
}

func TestBusyYear(t *testing.T) {
	setClock("2024-01-20 10:00")
	storetest.ForEach(t, func(t *testing.T, st *store.Store) {
		busyRegisters(t, st)
		f := busyFacts()
		rs := reports(st, f)
		res, err := rs.Finalize(ctx, 2022, "admin")
		if err != nil {
			t.Fatalf("finalize 2022: %v %+v", err, res)
		}
		r := res.Report
		t3 := r.Table3
		if t3.New.Total != 24 || t3.CarriedIn.Total != 2 || t3.Closed.Total != 23 || t3.CarriedOut.Total != 3 {
			t.Fatalf("表三 totals: new %d, in %d, closed %d, out %d", t3.New.Total, t3.CarriedIn.Total, t3.Closed.Total, t3.CarriedOut.Total)
		}
		for i := range annualreport.Applicants {
			if *t3.New.At(i) == 0 {
				t.Errorf("no requests from %s", annualreport.Applicants[i])
			}
		}
		t2 := r.Table2
		if t2.Rules != (annualreport.DocRow{InForce: 1, PrevInForce: t2.Rules.PrevInForce}) || t2.Normative.Issued != 2 ||
			t2.Normative.Abolished != 1 || t2.Normative.InForce != 2 || t2.Licensing != 12 || t2.Penalty != 3 || t2.FeesWan != "0.15" {
			t.Errorf("表二 = %+v", t2)
		}
		if r.Table4.Review != (annualreport.CaseRow{Upheld: 1, Pending: 1, Total: 2}) || r.Table4.Direct.Other != 1 {
			t.Errorf("表四 = %+v", r.Table4)
		}
		// Next year: its 二 equals this year's 四 and every check passes.
		next, err := rs.Live(ctx, 2023)
		if err != nil || len(next.Problems) != 0 {
			t.Fatalf("2023: %v %+v", err, next.Problems)
		}
		if next.Report.Table3.CarriedIn != t3.CarriedOut {
			t.Errorf("2023 二 = %+v, 2022 四 = %+v", next.Report.Table3.CarriedIn, t3.CarriedOut)
		}
		corruptOutcome(t, st, f)
		corruptYear(t, st, f)
	})
}

// corruptOutcome: a request closed with an outcome that is no leaf of table
// 三 unbalances its column, and the check names the cell.
func corruptOutcome(t *testing.T, st *store.Store, f facts) {
	bad := append(facts{}, f...)
	bad[0].Outcome = "3.9"
	res, err := reports(st, bad).Live(ctx, 2022)
	if err != nil {
		t.Fatal(err)
	}
	// The applicant's column and the 总计 column both stop balancing.
	if len(res.Problems) != 2 || res.Problems[0].Cell != "t3.r4."+bad[0].Kind || res.Problems[0].Check != 1 ||
		res.Problems[1].Cell != "t3.r4.total" || len(res.Notes) != 1 {
		t.Fatalf("problems = %+v", res.Problems)
	}
	if p := res.Problems[0]; p.Got == p.Want || p.Column != annualreport.ColumnLabel(bad[0].Kind) {
		t.Errorf("problem does not give both values: %+v", p)
	}
	if _, err := reports(st, bad).Finalize(ctx, 2023, "admin"); err != nil && !gather.IsChecksFailed(err) {
		t.Fatal(err)
	}
}

// corruptYear: a request carried out of 2022 re-dated into 2023 makes 2023's
// 二 disagree with 2022's frozen 四, and the diff shows what moved.
func corruptYear(t *testing.T, st *store.Store, f facts) {
	bad := append(facts{}, f...)
	for i := range bad {
		if bad[i].ReceivedOn == "2022-12-29" {
			bad[i].ReceivedOn = "2023-01-02"
		}
	}
	rs := reports(st, bad)
	res, err := rs.Live(ctx, 2023)
	if err != nil {
		t.Fatal(err)
	}
	var cells []string
	for _, p := range res.Problems {
		cells = append(cells, p.Cell)
	}
	if len(res.Problems) != 2 || cells[0] != "t3.r2.legal_service" || cells[1] != "t3.r2.total" || res.Problems[0].Got != "0" || res.Problems[0].Want != "1" {
		t.Fatalf("problems = %+v", res.Problems)
	}
	if _, err := rs.Finalize(ctx, 2023, "admin"); !gather.IsChecksFailed(err) {
		t.Fatalf("finalize with failed checks: %v", err)
	}
	diff, err := rs.Diff(ctx, 2022)
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, d := range diff {
		if d.Cell == "table3.carried_out.legal_service" && d.Final == "1" && d.Live == "0" {
			found = true
		}
	}
	if !found {
		t.Errorf("diff = %+v", diff)
	}
	// The frozen report itself does not change.
	cur, err := rs.Current(ctx, 2022)
	if err != nil || !cur.Final || cur.Report.Table3.CarriedOut.LegalService != 1 {
		t.Fatalf("final report changed: %v %+v", err, cur)
	}
}
