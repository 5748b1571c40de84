package desk

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"govmp/disclosure"
	"govmp/kv"
	"govmp/models"
	"govmp/pii"
	"govmp/store"
	"govmp/store/storetest"
	"govmp/ticket"
)

const (
	testIDNumber = "210902198503154210"
	testPhone    = "13812345678"
	officer      = "officer1"
)

// syncBuffer is a log sink safe for the service's concurrent writes.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// clock is a settable test clock.
type clock struct{ t time.Time }

func (c *clock) now() time.Time { return c.t }

// newDesk builds the service on st with a fixed data key, the in-process KV
// store and a log captured in buf. No Sender: notices stay pending.
func newDesk(t *testing.T, st *store.Store, at time.Time) (*Service, *syncBuffer, *clock) {
	t.Helper()
	cipher, err := pii.NewCipher("0123456789abcdef0123456789abcdef")
	if err != nil {
		t.Fatal(err)
	}
	buf := &syncBuffer{}
	clk := &clock{t: at}
	return &Service{Store: st, KV: kv.NewMemory(), Cipher: cipher, Tickets: ticket.NewSigner("k"),
		PublicURL: "http://govmp.test", Limits: DefaultLimits, Now: clk.now,
		Log: slog.New(slog.NewJSONHandler(buf, &slog.HandlerOptions{Level: slog.LevelDebug}))}, buf, clk
}

func person() disclosure.Applicant {
	return disclosure.Applicant{Kind: disclosure.KindNatural, Name: "张三", IDType: disclosure.IDResidentCard,
		IDNumber: testIDNumber, Phone: testPhone, Address: "辽宁省阜新市海州区", Email: "zhangsan@example.com"}
}

func info() disclosure.InfoSought {
	return disclosure.InfoSought{Description: "2021年度衔接推进乡村振兴补助资金分配文件", Form: disclosure.FormElectronic, Way: disclosure.WayEmail}
}

// register has an officer register a request received in person on day.
func register(t *testing.T, d *Service, ch disclosure.Channel, day time.Time) *Receipt {
	t.Helper()
	rc, err := d.Submit(context.Background(), Submission{Channel: ch, Applicant: person(), Info: info(), SubmittedAt: day, Actor: officer})
	if err != nil {
		t.Fatalf("register: %v", err)
	}
	return rc
}

// rawRow reads every column of a request as the database holds it.
func rawRow(t *testing.T, st *store.Store, id uint) map[string]any {
	t.Helper()
	var rows []map[string]any
	if err := st.DB.Table("disclosure_requests").Where("id = ?", id).Find(&rows).Error; err != nil || len(rows) != 1 {
		t.Fatalf("raw row %d: %v (%d rows)", id, err, len(rows))
	}
	return rows[0]
}

func countTable(t *testing.T, st *store.Store, table string) int64 {
	t.Helper()
	var n int64
	if err := st.DB.Table(table).Count(&n).Error; err != nil {
		t.Fatal(err)
	}
	return n
}

var monday = time.Date(2026, 11, 2, 10, 0, 0, 0, disclosure.CST)

func TestBadSubmissionsAreRejectedAndStoreNothing(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, st *store.Store) {
		d, _, _ := newDesk(t, st, monday)
		ctx := context.Background()
		cases := []struct {
			name, field, want string
			edit              func(*Submission)
		}{
			{"malformed ID number", "id_number", "校验位", func(s *Submission) { s.Applicant.IDNumber = "210902198503154211" }},
			{"short ID number", "id_number", "18位", func(s *Submission) { s.Applicant.IDNumber = "2109021985" }},
			{"missing description", "description", "请填写所需信息", func(s *Submission) { s.Info.Description = "  " }},
			{"bad phone", "phone", "联系电话", func(s *Submission) { s.Applicant.Phone = "12345" }},
		}
		for _, c := range cases {
			sub := Submission{Channel: disclosure.ChannelWeb, Applicant: person(), Info: info(), IP: "10.0.0.1"}
			c.edit(&sub)
			_, err := d.Submit(ctx, sub)
			var fe disclosure.FieldErrors
			if !errors.As(err, &fe) || !strings.Contains(fe[c.field], c.want) {
				t.Errorf("%s: got %v, want a %s error containing %q", c.name, err, c.field, c.want)
			}
		}
		if n := countTable(t, st, "disclosure_requests"); n != 0 {
			t.Fatalf("rejected submissions stored %d rows", n)
		}
		// Without a data key nothing personal is stored.
		d.Cipher = nil
		_, err := d.Submit(ctx, Submission{Channel: disclosure.ChannelWeb, Applicant: person(), Info: info()})
		if !errors.Is(err, ErrNoDataKey) {
			t.Fatalf("no data key: %v", err)
		}
	})
}

func TestRateLimitPerOpenID(t *testing.T) {
	st := storetest.Open(t)
	d, _, _ := newDesk(t, st, monday)
	d.Limits = Limits{PerOpenID: 2, PerIP: 100, Window: time.Hour}
	sub := Submission{Channel: disclosure.ChannelWeChat, OpenID: "oLimit", IP: "10.0.0.9", Applicant: person(), Info: info()}
	for i := 0; i < 2; i++ {
		if _, err := d.Submit(context.Background(), sub); err != nil {
			t.Fatalf("submission %d: %v", i, err)
		}
	}
	if _, err := d.Submit(context.Background(), sub); !errors.Is(err, ErrRateLimited) {
		t.Fatalf("third submission in the hour: %v", err)
	}
}

func TestNoPlainIDNumberInDatabaseLogsOrLists(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, st *store.Store) {
		d, logs, _ := newDesk(t, st, monday)
		ctx := context.Background()
		rc := register(t, d, disclosure.ChannelInPerson, monday)
		if _, err := d.Act(ctx, officer, rc.ID, Action{Action: ActStartProcessing}); err != nil {
			t.Fatal(err)
		}
		raw, _ := json.Marshal(rawRow(t, st, rc.ID))
		list, _, err := d.List(ctx, store.DisclosureFilter{})
		if err != nil {
			t.Fatal(err)
		}
		listJSON, _ := json.Marshal(list)
		got, err := d.Get(ctx, rc.ID)
		if err != nil {
			t.Fatal(err)
		}
		getJSON, _ := json.Marshal(got)
		for name, text := range map[string]string{"database row": string(raw), "log": logs.String(), "list": string(listJSON), "masked detail": string(getJSON)} {
			for _, secret := range []string{testIDNumber, testPhone} {
				if strings.Contains(text, secret) {
					t.Errorf("%s contains %s in clear", name, secret)
				}
			}
		}
		if !strings.Contains(string(raw), `"v1:`) || !strings.Contains(string(raw), "张三") {
			t.Fatalf("the raw row is not readable as text, so the check above proves nothing: %s", raw)
		}
		if !strings.Contains(string(listJSON), pii.MaskID(testIDNumber)) {
			t.Errorf("list does not show the masked ID number: %s", listJSON)
		}
		full, err := d.GetFull(ctx, officer, rc.ID)
		if err != nil || full.Applicant.IDNumber != testIDNumber || full.Applicant.Phone != testPhone {
			t.Fatalf("full view: %+v %v", full, err)
		}
		entries, _ := st.AuditLog(ctx, officer, "disclosure.view_full", 10)
		if len(entries) != 1 || entries[0].Target != "disclosure:"+rc.Number {
			t.Fatalf("full view not audited: %+v", entries)
		}
	})
}

func TestOutcomeOutsideTheTwentyOneIsRefused(t *testing.T) {
	st := storetest.Open(t)
	d, _, _ := newDesk(t, st, monday)
	ctx := context.Background()
	rc := register(t, d, disclosure.ChannelInPerson, monday)
	before := rawRow(t, st, rc.ID)
	for _, code := range []string{"", "7", "3.9", "6.4", "予以公开"} {
		_, err := d.Act(ctx, officer, rc.ID, Action{Action: ActClose, Outcome: code, Text: "答复"})
		if models.ErrorCode(err) != models.EINVALID || !strings.Contains(models.ErrorMessage(err), "办理结果无效") {
			t.Errorf("outcome %q: %v", code, err)
		}
	}
	if after := rawRow(t, st, rc.ID); !sameRow(before, after) {
		t.Fatalf("a refused close changed the row:\n%v\n%v", before, after)
	}
	if _, err := d.Act(ctx, officer, rc.ID, Action{Action: ActClose, Outcome: "3.3", Text: "不予公开告知书"}); err != nil {
		t.Fatalf("a real outcome: %v", err)
	}
}

func sameRow(a, b map[string]any) bool {
	ja, _ := json.Marshal(a)
	jb, _ := json.Marshal(b)
	return bytes.Equal(ja, jb)
}
