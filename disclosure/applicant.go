package disclosure

import (
	"fmt"
	"regexp"
	"sort"
	"strings"
	"time"
	"unicode/utf8"
)

// Applicant kinds. They double as the column codes of table 三 and are plain
// strings, as in the report package, so counts can be keyed by them directly.
const (
	KindNatural       = "natural"        // 自然人
	KindCommercial    = "commercial"     // 商业企业
	KindResearch      = "research"       // 科研机构
	KindPublicWelfare = "public_welfare" // 社会公益组织
	KindLegalService  = "legal_service"  // 法律服务机构
	KindOtherOrg      = "other_org"      // 其他
)

// ApplicantKinds lists the kinds in the column order of table 三.
var ApplicantKinds = []string{KindNatural, KindCommercial, KindResearch, KindPublicWelfare, KindLegalService, KindOtherOrg}

var kindLabels = map[string]string{
	KindNatural:       "自然人",
	KindCommercial:    "商业企业",
	KindResearch:      "科研机构",
	KindPublicWelfare: "社会公益组织",
	KindLegalService:  "法律服务机构",
	KindOtherOrg:      "其他",
}

// KindLabel returns the official column label of an applicant kind, or ""
// for an unknown kind.
func KindLabel(kind string) string { return kindLabels[kind] }

// ID types a natural person may identify with.
const (
	IDResidentCard     = "resident_id"      // 居民身份证
	IDPassport         = "passport"         // 护照
	IDHKMacauPermit    = "hk_macau_permit"  // 港澳居民来往内地通行证
	IDTaiwanPermit     = "taiwan_permit"    // 台湾居民来往大陆通行证
	IDForeignResidence = "foreign_resident" // 外国人永久居留身份证
	IDOther            = "other"            // 其他有效身份证件
)

var idTypeLabels = map[string]string{
	IDResidentCard:     "居民身份证",
	IDPassport:         "护照",
	IDHKMacauPermit:    "港澳居民来往内地通行证",
	IDTaiwanPermit:     "台湾居民来往大陆通行证",
	IDForeignResidence: "外国人永久居留身份证",
	IDOther:            "其他有效身份证件",
}

// IDTypeLabel returns the Chinese name of an ID type, or "" if unknown.
func IDTypeLabel(t string) string { return idTypeLabels[t] }

// Applicant is who asks, with the fields Art. 29 requires (name, proof of
// identity, contact details). Natural persons fill the ID fields; legal
// persons and other organisations fill the organisation fields.
type Applicant struct {
	Kind string `json:"kind"`
	// Name is the person's name or the organisation's 名称.
	Name     string `json:"name"`
	IDType   string `json:"id_type,omitempty"`
	IDNumber string `json:"id_number,omitempty"`
	WorkUnit string `json:"work_unit,omitempty"`
	// CreditCode is the organisation's 统一社会信用代码.
	CreditCode string `json:"credit_code,omitempty"`
	// LegalRep is the 法定代表人或负责人.
	LegalRep      string `json:"legal_rep,omitempty"`
	ContactPerson string `json:"contact_person,omitempty"`
	Phone         string `json:"phone"`
	Address       string `json:"address,omitempty"`
	Postcode      string `json:"postcode,omitempty"`
	Email         string `json:"email,omitempty"`
}

// IsOrganisation reports whether the applicant is a 法人或其他组织.
func (a Applicant) IsOrganisation() bool {
	_, ok := kindLabels[a.Kind]
	return ok && a.Kind != KindNatural
}

// FieldErrors maps a field name (the JSON name) to a Chinese message, so a
// form can put each message next to its field.
type FieldErrors map[string]string

// Error lists the messages in field order, for logs.
func (e FieldErrors) Error() string {
	keys := make([]string, 0, len(e))
	for k := range e {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = k + ": " + e[k]
	}
	return "disclosure: 申请信息有误 / invalid request: " + strings.Join(parts, "; ")
}

// orNil returns nil for an empty set, so callers can test err != nil.
func (e FieldErrors) orNil() error {
	if len(e) == 0 {
		return nil
	}
	return e
}

// requireText records a message when a required field is blank or too long.
func (e FieldErrors) requireText(field, value, label string, max int) {
	v := strings.TrimSpace(value)
	switch {
	case v == "":
		e[field] = "请填写" + label
	case utf8.RuneCountInString(v) > max:
		e[field] = fmt.Sprintf("%s不能超过%d个字", label, max)
	}
}

// Validate checks the applicant and returns FieldErrors, or nil if all is
// well.
func (a Applicant) Validate() error {
	e := FieldErrors{}
	if _, ok := kindLabels[a.Kind]; !ok {
		e["kind"] = "请选择申请人类型"
		return e
	}
	if a.Kind == KindNatural {
		a.validatePerson(e)
	} else {
		a.validateOrganisation(e)
	}
	a.validateContact(e)
	return e.orNil()
}

// validatePerson checks the fields of a 自然人.
func (a Applicant) validatePerson(e FieldErrors) {
	e.requireText("name", a.Name, "姓名", 50)
	if _, ok := idTypeLabels[a.IDType]; !ok {
		e["id_type"] = "请选择证件类型"
	}
	switch {
	case strings.TrimSpace(a.IDNumber) == "":
		e["id_number"] = "请填写证件号码"
	case a.IDType == IDResidentCard:
		if msg := CheckResidentID(a.IDNumber); msg != "" {
			e["id_number"] = msg
		}
	case utf8.RuneCountInString(a.IDNumber) > 40:
		e["id_number"] = "证件号码过长"
	}
	if utf8.RuneCountInString(a.WorkUnit) > 100 {
		e["work_unit"] = "工作单位不能超过100个字"
	}
}

// validateOrganisation checks the fields of a 法人或其他组织.
func (a Applicant) validateOrganisation(e FieldErrors) {
	e.requireText("name", a.Name, "名称", 100)
	if strings.TrimSpace(a.CreditCode) == "" {
		e["credit_code"] = "请填写统一社会信用代码"
	} else if msg := CheckCreditCode(a.CreditCode); msg != "" {
		e["credit_code"] = msg
	}
	e.requireText("legal_rep", a.LegalRep, "法定代表人或负责人", 50)
	e.requireText("contact_person", a.ContactPerson, "联系人", 50)
}

var (
	mobileRe   = regexp.MustCompile(`^(\+?86[- ]?)?1[3-9]\d{9}$`)
	landlineRe = regexp.MustCompile(`^(\+?86[- ]?)?0\d{2,3}[- ]?\d{7,8}([- ]\d{1,6})?$`)
	postcodeRe = regexp.MustCompile(`^\d{6}$`)
	// emailRe is deliberately loose: a reply that bounces is cheaper than
	// refusing a real address the pattern did not foresee.
	emailRe = regexp.MustCompile(`^[^@\s]+@[^@\s]+\.[^@\s.]+$`)
)

// validateContact checks the contact details both kinds share. A phone is
// required because Art. 29 asks for 联系方式 and it is how the office reaches
// the applicant fastest; address and email are needed only for some ways of
// delivery, which Request.Validate checks.
func (a Applicant) validateContact(e FieldErrors) {
	if strings.TrimSpace(a.Phone) == "" {
		e["phone"] = "请填写联系电话"
	} else if !ValidPhone(a.Phone) {
		e["phone"] = "联系电话格式不正确"
	}
	if utf8.RuneCountInString(a.Address) > 200 {
		e["address"] = "通信地址不能超过200个字"
	}
	if a.Postcode != "" && !postcodeRe.MatchString(a.Postcode) {
		e["postcode"] = "邮政编码应为6位数字"
	}
	if a.Email != "" && (!emailRe.MatchString(a.Email) || len(a.Email) > 100) {
		e["email"] = "电子邮箱格式不正确"
	}
}

// ValidPhone accepts a mainland mobile number or a landline with area code,
// optionally with +86 and an extension.
func ValidPhone(s string) bool {
	s = strings.TrimSpace(s)
	return mobileRe.MatchString(s) || landlineRe.MatchString(s)
}

var idWeights = [17]int{7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2}

// CheckResidentID checks an 18-digit 居民身份证 number under GB 11643-1999:
// 17 digits, a valid birth date in positions 7–14, and the ISO 7064 MOD 11-2
// check character. It returns "" when valid, else a Chinese message.
func CheckResidentID(id string) string {
	id = strings.ToUpper(strings.TrimSpace(id))
	if len(id) != 18 {
		return "居民身份证号码应为18位"
	}
	sum := 0
	for i := 0; i < 17; i++ {
		c := id[i]
		if c < '0' || c > '9' {
			return "居民身份证号码前17位应为数字"
		}
		sum += int(c-'0') * idWeights[i]
	}
	birth, err := time.Parse("20060102", id[6:14])
	if err != nil || birth.Year() < 1900 {
		return "居民身份证号码中的出生日期无效"
	}
	if id[17] != "10X98765432"[sum%11] {
		return "居民身份证号码校验位不正确"
	}
	return ""
}

// creditChars is the GB 32100-2015 alphabet: digits and capitals without
// I, O, S, V and Z, which are too easily confused.
const creditChars = "0123456789ABCDEFGHJKLMNPQRTUWXY"

var creditWeights = [17]int{1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28}

// CheckCreditCode checks an 18-character 统一社会信用代码 under GB 32100-2015:
// the alphabet, the 6-digit 行政区划码 in positions 3–8 and the MOD 31 check
// character. It returns "" when valid, else a Chinese message.
func CheckCreditCode(code string) string {
	code = strings.ToUpper(strings.TrimSpace(code))
	if len(code) != 18 {
		return "统一社会信用代码应为18位"
	}
	sum := 0
	for i := 0; i < 18; i++ {
		v := strings.IndexByte(creditChars, code[i])
		if v < 0 {
			return "统一社会信用代码含有无效字符"
		}
		if i >= 2 && i < 8 && v > 9 {
			return "统一社会信用代码第3至8位应为数字"
		}
		if i < 17 {
			sum += v * creditWeights[i]
		}
	}
	if code[17] != creditChars[(31-sum%31)%31] {
		return "统一社会信用代码校验位不正确"
	}
	return ""
}
