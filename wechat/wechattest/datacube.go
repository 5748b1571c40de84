package wechattest

import (
	"maps"
	"slices"
	"time"
)

// cubeKind describes one datacube endpoint: its longest date range, whether
// it is one of the newer endpoints that report is_delay, and its rows.
type cubeKind struct {
	maxDays int
	isNew   bool
	rows    func(c *cubeState, date string) []map[string]any
}

var (
	cubeUserSummary        = cubeKind{maxDays: 7, rows: (*cubeState).userSummaryRows}
	cubeUserCumulate       = cubeKind{maxDays: 7, rows: (*cubeState).cumulateRows}
	cubeArticleRead        = cubeKind{maxDays: 1, isNew: true, rows: (*cubeState).articleReadRows}
	cubeBizSummary         = cubeKind{maxDays: 30, isNew: true, rows: (*cubeState).bizRows}
	cubeArticleTotalDetail = cubeKind{maxDays: 1, isNew: true, rows: (*cubeState).totalDetailRows}
	cubeUserRead           = cubeKind{maxDays: 3, rows: (*cubeState).userReadRows}
)

// cube turns a kind into a route handler that checks the date range the
// way WeChat does before building the list.
func cube(k cubeKind) func(*Server, *request) any {
	return func(s *Server, rq *request) any {
		var in struct {
			BeginDate string `json:"begin_date"`
			EndDate   string `json:"end_date"`
		}
		if e := decode(rq, &in); e != nil {
			return *e
		}
		begin, err1 := time.ParseInLocation(time.DateOnly, in.BeginDate, beijing)
		end, err2 := time.ParseInLocation(time.DateOnly, in.EndDate, beijing)
		if err1 != nil || err2 != nil {
			return fail(61500)
		}
		today := s.nowLocked().In(beijing)
		yesterday := time.Date(today.Year(), today.Month(), today.Day()-1, 0, 0, 0, 0, beijing)
		days := int(end.Sub(begin).Hours()/24) + 1
		if days < 1 || days > k.maxDays || end.After(yesterday) {
			return fail(61501)
		}
		list := []map[string]any{}
		delay := false
		for d := range days {
			date := begin.AddDate(0, 0, d).Format(time.DateOnly)
			list = append(list, k.rows(&s.cube, date)...)
			delay = delay || s.cube.delay[date]
		}
		out := map[string]any{"list": list}
		if k.isNew {
			out["is_delay"] = delay
		}
		return out
	}
}

// cubeState is the statistics a test seeds, keyed by date (YYYY-MM-DD).
type cubeState struct {
	userDays map[string][]userSource
	cumulate map[string]int
	reads    map[string][]ArticleRead
	biz      map[string]BizDay
	totals   map[string][]ArticleTotal
	userRead map[string][]UserRead
	delay    map[string]bool
}

type userSource struct{ source, newUser, cancelUser int }

func newCubeState() cubeState {
	return cubeState{
		userDays: map[string][]userSource{}, cumulate: map[string]int{},
		reads: map[string][]ArticleRead{}, biz: map[string]BizDay{},
		totals: map[string][]ArticleTotal{}, userRead: map[string][]UserRead{},
		delay: map[string]bool{},
	}
}

func (c *cubeState) userSummaryRows(date string) []map[string]any {
	var out []map[string]any
	for _, u := range c.userDays[date] {
		out = append(out, map[string]any{"ref_date": date, "user_source": u.source, "new_user": u.newUser, "cancel_user": u.cancelUser})
	}
	return out
}

func (c *cubeState) cumulateRows(date string) []map[string]any {
	n, ok := c.cumulate[date]
	if !ok {
		return nil
	}
	return []map[string]any{{"ref_date": date, "cumulate_user": n}}
}

func (c *cubeState) articleReadRows(date string) []map[string]any {
	var out []map[string]any
	for _, r := range c.reads[date] {
		out = append(out, map[string]any{"ref_date": date, "msgid": r.MsgID, "detail": map[string]any{
			"read_user": r.ReadUser, "read_user_source": sources(r.Sources)}})
	}
	return out
}

func (c *cubeState) bizRows(date string) []map[string]any {
	b, ok := c.biz[date]
	if !ok {
		return nil
	}
	return []map[string]any{{"ref_date": date, "detail": map[string]any{
		"read_user": b.ReadUser, "read_user_source": sources(b.Sources), "share_user": b.ShareUser,
		"zaikan_user": b.ZaikanUser, "like_user": b.LikeUser, "comment_count": b.CommentCount,
		"collection_user": b.CollectionUser, "redirect_ori_page_user": b.RedirectOriPageUser,
		"send_page_count": b.SendPageCount,
	}}}
}

func (c *cubeState) totalDetailRows(date string) []map[string]any {
	var out []map[string]any
	for _, a := range c.totals[date] {
		details := make([]map[string]any, len(a.Days))
		for i, d := range a.Days {
			details[i] = map[string]any{
				"stat_date": d.StatDate, "read_user": d.ReadUser, "read_user_source": sources(d.Sources),
				"share_user": d.ShareUser, "zaikan_user": d.ZaikanUser, "like_user": d.LikeUser,
				"comment_count": d.CommentCount, "collection_user": d.CollectionUser,
				"praise_money": 0, "read_subscribe_user": d.ReadSubscribeUser,
				"read_delivery_rate": d.ReadDeliveryRate, "read_finish_rate": d.ReadFinishRate,
				"read_avg_activetime": d.ReadAvgActiveTime, "read_jump_position": []any{},
			}
		}
		out = append(out, map[string]any{"ref_date": date, "msgid": a.MsgID, "title": a.Title,
			"content_url": a.ContentURL, "publish_type": a.PublishType, "detail_list": details})
	}
	return out
}

func (c *cubeState) userReadRows(date string) []map[string]any {
	var out []map[string]any
	for _, r := range c.userRead[date] {
		out = append(out, map[string]any{"ref_date": date, "user_source": r.UserSource,
			"int_page_read_user": r.ReadUser, "int_page_read_count": r.ReadCount,
			"ori_page_read_user": 0, "ori_page_read_count": 0, "share_user": r.ShareUser,
			"share_count": r.ShareCount, "add_to_fav_user": 0, "add_to_fav_count": 0})
	}
	return out
}

func sources(m map[string]int) []map[string]any {
	out := []map[string]any{}
	for _, desc := range slices.Sorted(maps.Keys(m)) {
		out = append(out, map[string]any{"scene_desc": desc, "user_count": m[desc]})
	}
	return out
}
