package wechat

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"strconv"

	"github.com/silenceper/wechat/v2/util"

	"govmp/models"
)

// plainWords explains WeChat's error codes to editors and admins.
var plainWords = map[int64]string{
	-1:    "微信系统繁忙，请稍后重试 / WeChat is busy, try again shortly",
	40001: "访问令牌无效或已被替换 / the access token is invalid or was replaced",
	40003: "用户未关注本公众号或 openid 无效 / not a follower of this account",
	40007: "素材 media_id 无效 / invalid media_id",
	40013: "AppID 无效，请检查配置 / invalid AppID, check the configuration",
	40014: "访问令牌格式错误 / malformed access token",
	40125: "AppSecret 无效，请检查配置 / invalid AppSecret, check the configuration",
	40164: "服务器 IP 不在公众号白名单中 / the server's IP is not in the account's whitelist",
	41001: "缺少访问令牌 / access token missing",
	42001: "访问令牌已过期 / access token expired",
	43004: "接收者需要关注公众号 / the recipient must follow the account",
	45009: "接口今日调用次数已用完，明日恢复 / today's API quota is used up",
	45011: "调用太频繁，请一分钟后再试 / too many calls, retry next minute",
	45015: "已超过48小时互动窗口，客服消息无法送达 / the 48-hour customer-message window is closed",
	45028: "今日群发次数已用完（订阅号每天1次） / no mass-send quota left today",
	45047: "客服消息条数已达上限 / customer-message limit reached",
	45065: "相同内容已群发过（clientmsgid 重复） / this mass send was already submitted",
	46003: "公众号尚未设置菜单 / no menu is set",
	48001: "公众号无此接口权限（未认证订阅号不能使用菜单、客服消息、用户、草稿发布和数据统计接口） / the account lacks permission for this API",
	48004: "接口因违规被封禁 / API banned for irregularities",
	48008: "无权群发该类型消息 / no permission for this message type",
	50002: "公众号已被冻结或限制 / the account is limited",
	53503: "草稿未通过发布检查 / the draft failed the publish check",
	61501: "统计日期范围错误 / statistics date range error",
	61503: "统计数据尚未生成（次日8点后可用） / statistics not ready yet",
}

// APIError is a WeChat error code with its plain explanation.
type APIError struct {
	API  string
	Code int64
	Msg  string
}

func (e *APIError) Error() string {
	return fmt.Sprintf("wechat %s: %d %s", e.API, e.Code, e.Plain())
}

// Plain returns the explanation shown in the console.
func (e *APIError) Plain() string {
	if p, ok := plainWords[e.Code]; ok {
		return p
	}
	return fmt.Sprintf("微信返回错误 %d / WeChat error %d", e.Code, e.Code)
}

// tokenRejected lists the codes after which a fresh token may succeed.
func tokenRejected(code int64) bool { return code == 40001 || code == 40014 || code == 42001 }

var secretPattern = regexp.MustCompile(`(secret|access_token)=[^&\s"]+`)

// scrub removes secrets from an error text: the SDK's errors carry request URLs.
func scrub(s string) string { return secretPattern.ReplaceAllString(s, "$1=***") }

// asAPIError converts SDK errors to *APIError; other errors (network) are
// wrapped with their secrets scrubbed.
func asAPIError(api string, err error) error {
	if err == nil {
		return nil
	}
	var ce *util.CommonError
	if errors.As(err, &ce) {
		return &APIError{API: api, Code: ce.ErrCode, Msg: ce.ErrMsg}
	}
	var ae *APIError
	if errors.As(err, &ae) {
		return err
	}
	// Several SDK calls format WeChat's answer into a plain error text.
	if m := errcodePattern.FindStringSubmatch(err.Error()); m != nil {
		code, _ := strconv.ParseInt(m[1], 10, 64)
		return &APIError{API: api, Code: code, Msg: scrub(m[2])}
	}
	return fmt.Errorf("wechat %s: %s", api, scrub(err.Error()))
}

var errcodePattern = regexp.MustCompile(`errcode\s*[=:]\s*(-?\d+)\s*,?\s*(?:errmsg\s*[=:]\s*(.*))?`)

// UserError turns an API failure into the error the console shows.
func UserError(err error) error {
	var ae *APIError
	if errors.As(err, &ae) {
		return &models.Error{Code: models.EUNAVAILABLE, Message: ae.Plain()}
	}
	var me *models.Error
	if errors.As(err, &me) {
		return err
	}
	if errors.Is(err, ErrCircuitOpen) {
		return models.Errorf(models.EUNAVAILABLE, "微信接口连续失败，已暂停调用，请稍后重试 / WeChat keeps failing; calls are paused, retry shortly")
	}
	if errors.Is(err, ErrTokenUnavailable) || errors.Is(err, context.DeadlineExceeded) {
		return models.Errorf(models.EUNAVAILABLE, "暂时无法连接微信接口，请稍后重试 / the WeChat API cannot be reached now")
	}
	return models.Errorf(models.EUNAVAILABLE, "微信接口调用失败，请稍后重试 / the WeChat API call failed")
}
