package disclosure

import (
	"testing"
	"time"
)

// closedReq is a request received and closed on the given days.
func closedReq(id, kind string, rec, closed time.Time, code string) *Request {
	r := &Request{ID: id, Applicant: Applicant{Kind: kind}, ReceivedOn: rec, State: StateProcessing}
	if !closed.IsZero() {
		r.State, r.ClosedOn, r.Outcome = StateClosed, closed, code
	}
	return r
}

func TestCountYear(t *testing.T) {
	withdrawn := closedReq("D", KindNatural, d(2021, 4, 20), time.Time{}, "")
	if err := withdrawn.Withdraw(at(2021, 5, 1, 9)); err != nil {
		t.Fatal(err)
	}
	reqs := []*Request{
		closedReq("A", KindNatural, d(2020, 12, 20), d(2021, 1, 10), "1"),    // carried in, closed
		closedReq("B", KindCommercial, d(2021, 3, 1), d(2021, 3, 20), "3.3"), // new, closed
		closedReq("C", KindNatural, d(2021, 12, 28), time.Time{}, ""),        // new, carried out
		withdrawn, // new, 其他处理 3
		closedReq("E", KindResearch, d(2022, 1, 4), time.Time{}, ""),              // next year
		{ID: "F", Applicant: Applicant{Kind: KindNatural}, State: StateSubmitted}, // never received
		closedReq("G", KindLegalService, d(2021, 12, 31), d(2021, 12, 31), "2"),   // closed the same day
		closedReq("H", KindOtherOrg, d(2020, 6, 1), d(2020, 7, 1), "1"),           // all in 2020
	}
	c, err := CountYear(reqs, 2021)
	if err != nil {
		t.Fatal(err)
	}
	check := func(name string, got, want int) {
		t.Helper()
		if got != want {
			t.Errorf("%s = %d, want %d", name, got, want)
		}
	}
	check("new natural", c.New[KindNatural], 2)
	check("new commercial", c.New[KindCommercial], 1)
	check("new legal", c.New[KindLegalService], 1)
	check("new research", c.New[KindResearch], 0)
	check("carried in natural", c.CarriedIn[KindNatural], 1)
	check("closed 1 natural", c.Closed["1"][KindNatural], 1)
	check("closed 3.3 commercial", c.Closed["3.3"][KindCommercial], 1)
	check("closed 6.3 natural", c.Closed["6.3"][KindNatural], 1)
	check("closed 2 legal", c.Closed["2"][KindLegalService], 1)
	check("carried out natural", c.CarriedOut[KindNatural], 1)
	check("carried out legal", c.CarriedOut[KindLegalService], 0)
	check("closed total natural", c.ClosedTotal(KindNatural), 2)

	// Next year: C is carried in; E is new.
	c22, err := CountYear(reqs, 2022)
	if err != nil {
		t.Fatal(err)
	}
	check("2022 carried in natural", c22.CarriedIn[KindNatural], c.CarriedOut[KindNatural])
	check("2022 new research", c22.New[KindResearch], 1)

	if !OpenAt(reqs[2], d(2021, 12, 31)) || OpenAt(reqs[2], d(2021, 12, 27)) || OpenAt(reqs[6], d(2021, 12, 31)) {
		t.Error("OpenAt wrong")
	}

	bad := closedReq("X", KindNatural, d(2021, 3, 1), d(2021, 3, 2), "3.9")
	if _, err := CountYear([]*Request{bad}, 2021); err == nil {
		t.Error("unknown outcome counted")
	}
	bad = closedReq("Y", "alien", d(2021, 3, 1), d(2021, 3, 2), "1")
	if _, err := CountYear([]*Request{bad}, 2021); err == nil {
		t.Error("unknown applicant kind counted")
	}
}
