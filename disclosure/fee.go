package disclosure

import "time"

// Fee methods of 《政府信息公开信息处理费管理办法》 (国办函〔2020〕109号). One
// request is charged by one method, never both.
const (
	FeeByItem = "by_count" // 按件计收
	FeeByPage = "by_pages" // 按量计收
)

// PaymentPeriod is the working days an applicant has to pay, counted from the
// day after the fee notice arrives.
const PaymentPeriod = 20

// Fee records a fee notice and its payment. Amounts are whole 元.
type Fee struct {
	Method string `json:"method"`
	// Quantity is, by count, the request's ordinal among the applicant's
	// requests in the natural month; by pages, the number of pages.
	Quantity     int       `json:"quantity"`
	Amount       int       `json:"amount"`
	NoticeSentAt time.Time `json:"notice_sent_at"`
	// NoticeArrivedOn is the civil date the applicant received the notice.
	NoticeArrivedOn time.Time `json:"notice_arrived_on"`
	// PaidOn is zero until paid.
	PaidOn time.Time
}

// FeeForItem is the charge for the n-th request of one applicant in one
// natural month. The measures price the part of the month's count that falls
// in each band, so each request pays the rate of the band it falls in:
// 1–10 free, 11–30 100元, then 100元 more for each further 10 (31–40 200元,
// 41–50 300元, …).
func FeeForItem(n int) int {
	switch {
	case n <= 10:
		return 0
	case n <= 30:
		return 100
	default:
		return 100 * (2 + (n-31)/10)
	}
}

// FeeByCount is the total charged for n requests of one applicant in one
// natural month: the sum of FeeForItem(1..n).
func FeeByCount(n int) int {
	total := 0
	for i := 1; i <= n; i++ {
		total += FeeForItem(i)
	}
	return total
}

// FeeByPages is the charge for a request of the given number of pages. The
// measures price "的部分", i.e. progressively like income tax: the first 30
// pages are free, pages 31–100 cost 10元 each, pages 101–200 20元 each and every
// page beyond 200 40元. So 100 pages cost 700元, not 1000元.
func FeeByPages(pages int) int {
	bands := []struct{ upTo, rate int }{{30, 0}, {100, 10}, {200, 20}, {-1, 40}}
	total, prev := 0, 0
	for _, b := range bands {
		if pages <= prev {
			break
		}
		top := pages
		if b.upTo >= 0 && b.upTo < pages {
			top = b.upTo
		}
		total += (top - prev) * b.rate
		prev = top
	}
	return total
}

// PaymentDue is the last day to pay: 20 working days counted from the day
// after the fee notice arrived, day 1 being the first working day after it.
func PaymentDue(cal *Calendar, arrivedOn time.Time) (time.Time, error) {
	return cal.AddWorkdays(arrivedOn, PaymentPeriod)
}

// NoticeFee records a fee notice and pauses the request until payment. The
// amount follows from the method and quantity; a free request needs no notice
// and is refused. The time until payment is not counted toward the reply
// period, like a consultation: an applicant deciding whether to pay cannot
// eat into the office's 20 days.
func (r *Request) NoticeFee(method string, quantity int, sentAt, arrivedOn time.Time) error {
	const act = "notice_fee"
	var amount int
	switch method {
	case FeeByItem:
		amount = FeeForItem(quantity)
	case FeeByPage:
		amount = FeeByPages(quantity)
	default:
		return r.invalid(act, "收费方式无效", "unknown fee method")
	}
	switch {
	case r.Fee != nil:
		return r.illegal(act, "已发出过收费通知")
	case !r.in(StateProcessing, StateExtended):
		return r.illegal(act, "只有办理中的申请才能发出收费通知")
	case amount == 0:
		return r.invalid(act, "该申请不收费，无需发出收费通知", "nothing to charge")
	case sentAt.IsZero() || DateOf(sentAt).Before(r.ClockStart()):
		return r.invalid(act, "收费通知日期无效", "notice date missing or before receipt")
	case arrivedOn.IsZero() || DateOf(arrivedOn).Before(DateOf(sentAt)):
		return r.invalid(act, "收费通知送达日期不能早于发出日期", "arrival before sending")
	}
	r.Fee = &Fee{Method: method, Quantity: quantity, Amount: amount,
		NoticeSentAt: sentAt, NoticeArrivedOn: DateOf(arrivedOn)}
	r.State = StateFeePending
	return nil
}

// PayFee records payment and resumes processing.
func (r *Request) PayFee(at time.Time) error {
	const act = "pay_fee"
	if r.State != StateFeePending {
		return r.illegal(act, "申请不在待缴费状态")
	}
	if at.IsZero() || DateOf(at).Before(DateOf(r.Fee.NoticeSentAt)) {
		return r.invalid(act, "缴费日期不能早于收费通知日期", "payment before notice")
	}
	r.Fee.PaidOn = DateOf(at)
	r.State = r.resumeState()
	return nil
}

// FeeLapsed reports whether the payment period ran out before today without
// payment, so the request may be closed as 其他处理 2.
func (r *Request) FeeLapsed(cal *Calendar, today time.Time) (bool, error) {
	if r.State != StateFeePending {
		return false, nil
	}
	due, err := PaymentDue(cal, r.Fee.NoticeArrivedOn)
	if err != nil {
		return false, err
	}
	return DateOf(today).After(due), nil
}
