package pii

import "strings"

// maskMiddle keeps head runes at the start and tail runes at the end and
// replaces the rest with '*', one per hidden rune so the length still shows.
func maskMiddle(s string, head, tail int) string {
	r := []rune(s)
	if head+tail >= len(r) {
		return strings.Repeat("*", len(r))
	}
	return string(r[:head]) + strings.Repeat("*", len(r)-head-tail) + string(r[len(r)-tail:])
}

// MaskID hides the middle of an ID number: "210902199001011234" becomes
// "2109**********1234". The region prefix and last four are enough for an
// officer to tell two applicants apart; the birth date in between is hidden.
// Short numbers (passports and the like) keep a quarter at each end.
func MaskID(id string) string {
	id = strings.TrimSpace(id)
	n := len([]rune(id))
	keep := n / 4
	if keep > 4 {
		keep = 4
	}
	if keep == 0 {
		return strings.Repeat("*", n)
	}
	return maskMiddle(id, keep, keep)
}

// MaskPhone hides the middle of a phone number: "13812345678" becomes
// "138****5678", the form carriers and banks use. Other numbers keep their
// first three and last four characters when long enough.
func MaskPhone(phone string) string {
	phone = strings.TrimSpace(phone)
	n := len([]rune(phone))
	switch {
	case n >= 11:
		return maskMiddle(phone, n-8, 4)
	case n > 7:
		return maskMiddle(phone, 3, 4)
	default:
		return maskMiddle(phone, 0, n/2)
	}
}

// MaskName keeps the first character of a person's name: "张三" becomes
// "张*" and "欧阳娜娜" "欧***".
func MaskName(name string) string {
	name = strings.TrimSpace(name)
	if name == "" {
		return ""
	}
	return maskMiddle(name, 1, 0)
}

// MaskEmail keeps the first character of the local part and the domain:
// "zhangsan@example.com" becomes "z*******@example.com".
func MaskEmail(email string) string {
	email = strings.TrimSpace(email)
	at := strings.LastIndexByte(email, '@')
	if at <= 0 {
		return maskMiddle(email, 0, 0)
	}
	return maskMiddle(email[:at], 1, 0) + email[at:]
}
