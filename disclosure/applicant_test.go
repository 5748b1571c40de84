package disclosure

import (
	"errors"
	"testing"
)

func TestResidentID(t *testing.T) {
	for _, c := range []struct {
		id string
		ok bool
	}{
		{"11010519491231002X", true}, // the sample of GB 11643, check character X
		{"11010519491231002x", true}, // lower-case x is accepted
		{"210902199001011230", true},
		{"210902200002290003", true},  // 2000 was a leap year
		{"210902199001011234", false}, // check character should be 0
		{"210902190002290007", false}, // right check, but 1900-02-29 did not exist
		{"210902199013011236", false}, // month 13
		{"21090219900101123", false},  // 17 digits
		{"2109021990010112A0", false},
		{"", false},
	} {
		msg := CheckResidentID(c.id)
		if (msg == "") != c.ok {
			t.Errorf("%q: %q, want ok=%v", c.id, msg, c.ok)
		}
	}
	if msg := CheckResidentID("210902190002290007"); msg != "居民身份证号码中的出生日期无效" {
		t.Errorf("bad birth date message: %q", msg)
	}
}

func TestCreditCode(t *testing.T) {
	for _, c := range []struct {
		code string
		ok   bool
	}{
		{"91350100M000100Y43", true}, // the sample of GB 32100
		{"12210900000000000Q", true},
		{"91350100M000100Y44", false}, // wrong check character
		{"91350100M000100I43", false}, // I is not in the alphabet
		{"9135A100M000100Y43", false}, // 行政区划码 must be digits
		{"91350100M000100Y4", false},
	} {
		msg := CheckCreditCode(c.code)
		if (msg == "") != c.ok {
			t.Errorf("%q: %q, want ok=%v", c.code, msg, c.ok)
		}
	}
}

func org() Applicant {
	return Applicant{Kind: KindCommercial, Name: "阜新某农业科技有限公司", CreditCode: "91350100M000100Y43",
		LegalRep: "王五", ContactPerson: "赵六", Phone: "0418-1234567", Postcode: "123000", Email: "a@b.cn"}
}

func TestApplicantValidate(t *testing.T) {
	if err := person().Validate(); err != nil {
		t.Errorf("person: %v", err)
	}
	if err := org().Validate(); err != nil {
		t.Errorf("org: %v", err)
	}
	bad := person()
	bad.IDNumber, bad.Phone, bad.Email, bad.Postcode = "210902199001011234", "12345", "no-at", "12"
	fieldsWant(t, bad.Validate(), "id_number", "phone", "email", "postcode")

	bad = org()
	bad.CreditCode, bad.LegalRep, bad.ContactPerson = "91350100M000100Y44", "", " "
	fieldsWant(t, bad.Validate(), "credit_code", "legal_rep", "contact_person")

	fieldsWant(t, Applicant{Kind: "alien"}.Validate(), "kind")
	fieldsWant(t, Applicant{Kind: KindNatural}.Validate(), "name", "id_type", "id_number", "phone")
}

func TestRequestValidate(t *testing.T) {
	r := &Request{Applicant: person(), Info: info()}
	fieldsWant(t, r.Validate(), "email") // way is email but no address given
	r.Applicant.Email = "zs@example.com"
	if err := r.Validate(); err != nil {
		t.Errorf("valid request: %v", err)
	}
	r.Info = InfoSought{Description: " ", Form: "scroll", Way: WayPost}
	fieldsWant(t, r.Validate(), "description", "form", "address")
}

// fieldsWant checks that err is FieldErrors naming exactly these fields.
func fieldsWant(t *testing.T, err error, fields ...string) {
	t.Helper()
	var fe FieldErrors
	if !errors.As(err, &fe) {
		t.Fatalf("error %v is not FieldErrors", err)
	}
	if len(fe) != len(fields) {
		t.Errorf("fields %v, want %v", fe, fields)
	}
	for _, f := range fields {
		if fe[f] == "" {
			t.Errorf("no message for %s in %v", f, fe)
		}
	}
}
