package inbox

import (
	"fmt"
	"time"

	"govmp/disclosure"
)

// Ack is the automatic answer to a message no keyword rule answered. It
// promises only what the deadline guarantees: the number of working days,
// and outside office hours, that staff will read it when they are back.
func Ack(cal *disclosure.Calendar, h Hours, days int, now time.Time) string {
	if InOfficeHours(cal, h, now) {
		return fmt.Sprintf("您好，您的留言已收到，我们将在%d个工作日内答复。", days)
	}
	return fmt.Sprintf("您好，您的留言已收到。现在是非工作时间，工作人员上班后会尽快处理，我们将在%d个工作日内答复。", days)
}
