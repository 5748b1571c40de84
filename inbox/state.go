package inbox

import "fmt"

// States of a message thread. A message starts pending and ends replied,
// closed without a reply (with a reason) or transferred.
const (
	StatePending     = "pending"     // 待处理
	StateHeld        = "held"        // 已答复，待粉丝下次互动时发出（48小时窗口已过）
	StateReplied     = "replied"     // 已回复
	StateNoReply     = "no_reply"    // 无需回复
	StateTransferred = "transferred" // 已转办
)

// Reasons a message needs no reply.
const (
	ReasonNoContent = "no_content" // 无实质内容
	ReasonAdvert    = "advert"     // 广告
	ReasonDuplicate = "duplicate"  // 重复
)

// Transfer targets.
const (
	TransferDisclosure = "disclosure" // 转依申请公开
	TransferDepartment = "department" // 转交其他部门
)

var stateLabels = map[string]string{
	StatePending:     "待处理",
	StateHeld:        "待发送",
	StateReplied:     "已回复",
	StateNoReply:     "无需回复",
	StateTransferred: "已转办",
}

var reasonLabels = map[string]string{
	ReasonNoContent: "无实质内容",
	ReasonAdvert:    "广告",
	ReasonDuplicate: "重复",
}

var transferLabels = map[string]string{
	TransferDisclosure: "转依申请公开",
	TransferDepartment: "转交其他部门",
}

// StateLabel is the Chinese name staff see for a state.
func StateLabel(s string) string { return labelOr(stateLabels, s) }

// ReasonLabel is the Chinese name of a no-reply reason.
func ReasonLabel(r string) string { return labelOr(reasonLabels, r) }

// TransferLabel is the Chinese name of a transfer target.
func TransferLabel(t string) string { return labelOr(transferLabels, t) }

func labelOr(m map[string]string, k string) string {
	if l, ok := m[k]; ok {
		return l
	}
	return k
}

// ValidState reports whether s is a known state (for list filters).
func ValidState(s string) bool { _, ok := stateLabels[s]; return ok }

// ValidReason reports whether r is a known no-reply reason.
func ValidReason(r string) bool { _, ok := reasonLabels[r]; return ok }

// ValidTransfer reports whether t is a known transfer target.
func ValidTransfer(t string) bool { _, ok := transferLabels[t]; return ok }

// Open reports whether a message in state s still waits for staff: only
// these count against the reply deadline.
func Open(s string) bool { return s == StatePending }

// Answered reports whether the citizen has been (or will be, at the next
// interaction) answered: a held reply counts, since staff did their part
// inside the deadline and WeChat's window is the only thing in the way.
func Answered(s string) bool { return s == StateReplied || s == StateHeld }

// CanMove checks a transition. Staff may reply, close or transfer a pending
// message; a held reply becomes replied when it is delivered, or can be
// replaced by another reply; a closed or transferred message can be replied
// to after all (a citizen follows up). Nothing goes back to pending.
func CanMove(from, to string) error {
	ok := false
	switch to {
	case StateReplied, StateHeld:
		ok = from == StatePending || from == StateHeld || from == StateNoReply || from == StateTransferred
	case StateNoReply, StateTransferred:
		ok = from == StatePending
	}
	if !ok {
		return fmt.Errorf("留言当前为「%s」，不能改为「%s」", StateLabel(from), StateLabel(to))
	}
	return nil
}
