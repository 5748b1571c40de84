package wechattest

// errMsgs holds WeChat's usual errmsg for each code the fake returns. Clients
// must match on errcode; the text is here so logs look like the real thing.
var errMsgs = map[int]string{
	-1:    "system error",
	40001: "invalid credential, access_token is invalid or not latest",
	40002: "invalid grant_type",
	40003: "invalid openid",
	40004: "invalid media type",
	40005: "invalid file type",
	40007: "invalid media_id",
	40008: "invalid message type",
	40009: "invalid image size",
	40010: "invalid voice size",
	40011: "invalid video size",
	40012: "invalid thumb size",
	40013: "invalid appid",
	40016: "invalid button size",
	40017: "invalid button type",
	40018: "invalid button name size",
	40019: "invalid button key size",
	40020: "invalid button url size",
	40023: "invalid sub button size",
	40024: "invalid sub button type",
	40025: "invalid sub button name size",
	40026: "invalid sub button key size",
	40027: "invalid sub button url size",
	40050: "invalid tag id",
	40114: "invalid index value",
	40125: "invalid appsecret",
	41001: "access_token missing",
	41002: "appid missing",
	41004: "appsecret missing",
	41005: "media data missing",
	42001: "access_token expired",
	43002: "require POST method",
	44002: "empty post data",
	44003: "empty news data",
	44004: "empty content",
	45002: "content size out of limit",
	45003: "title size out of limit",
	45004: "description size out of limit",
	45008: "article size out of limit",
	45009: "reach max api daily quota limit",
	45011: "api minute-quota reach limit mustslower retry next minute",
	45015: "response out of time limit or subscription is canceled",
	45028: "has no masssend quota",
	45047: "out of response count limit",
	45065: "clientmsgid exist",
	45066: "same clientmsgid retry too fast",
	45067: "clientmsgid size out of limit",
	45110: "author size out of limit",
	46003: "menu no exist",
	47001: "data format error",
	48001: "api unauthorized",
	48004: "api forbidden for irregularities, view detail on mp.weixin.qq.com",
	48008: "no permission for this msgtype",
	50002: "user limited",
	61500: "date format error",
	61501: "date range error",
	61503: "data not ready",
}

// errMsg returns the text for code; unknown codes (injected by tests) get a
// neutral message.
func errMsg(code int) string {
	if m, ok := errMsgs[code]; ok {
		return m
	}
	return "fake error"
}
