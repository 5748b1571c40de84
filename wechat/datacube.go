package wechat

import (
	"context"
	"strconv"
	"time"

	"github.com/silenceper/wechat/v2/util"

	"govmp/models"
)

// cubeMaxDays is the longest date range each datacube endpoint accepts;
// a longer one earns 61501. The user endpoints allow 7 days, the newer
// article endpoints 1 (getbizsummary 30), getuserread 3.
var cubeMaxDays = map[string]int{
	models.APIUserSummary: 7, models.APIUserCumulate: 7, models.APIArticleRead: 1,
	models.APIBizSummary: 30, models.APIArticleTotalDetail: 1, models.APIUserRead: 3,
}

// CubeMaxDays returns the longest window of a datacube endpoint, 0 if unknown.
func CubeMaxDays(api string) int { return cubeMaxDays[api] }

// CubeResult is one datacube answer converted to the rows govmp stores.
// Delayed is the newer endpoints' is_delay: WeChat may still correct them.
type CubeResult struct {
	Delayed      bool
	UserDays     []models.CubeUserDay
	Cumulates    []models.CubeCumulate
	ArticleReads []models.CubeArticleRead
	Biz          []models.CubeBizDay
	Totals       []models.CubeArticleTotal
	UserReads    []models.CubeUserRead
}

// Rows returns the rows of whichever kind the answer holds, and their number.
func (r *CubeResult) Rows() (any, int) {
	switch {
	case len(r.UserDays) > 0:
		return &r.UserDays, len(r.UserDays)
	case len(r.Cumulates) > 0:
		return &r.Cumulates, len(r.Cumulates)
	case len(r.ArticleReads) > 0:
		return &r.ArticleReads, len(r.ArticleReads)
	case len(r.Biz) > 0:
		return &r.Biz, len(r.Biz)
	case len(r.Totals) > 0:
		return &r.Totals, len(r.Totals)
	case len(r.UserReads) > 0:
		return &r.UserReads, len(r.UserReads)
	}
	return nil, 0
}

// Datacube fetches one endpoint's statistics for [begin, end] (YYYY-MM-DD).
// A window WeChat would refuse (too long, reversed, before 2014-12-01) is
// EINVALID before any call is made.
func (c *Client) Datacube(ctx context.Context, api, begin, end string) (*CubeResult, error) {
	if err := checkCubeWindow(api, begin, end); err != nil {
		return nil, err
	}
	if err := c.requireAdvanced("数据统计"); err != nil {
		return nil, err
	}
	res := &CubeResult{}
	err := c.call(ctx, "datacube/"+api, func() error {
		*res = CubeResult{}
		switch api {
		case models.APIUserSummary, models.APIUserCumulate, models.APIUserRead:
			return c.classicCube(ctx, api, begin, end, res)
		}
		return c.newCube(ctx, api, begin, end, res)
	})
	if err != nil {
		return nil, err
	}
	return res, nil
}

// checkCubeWindow applies WeChat's range rules locally.
func checkCubeWindow(api, begin, end string) error {
	maxDays := cubeMaxDays[api]
	if maxDays == 0 {
		return models.Invalid("api", "未知的数据统计接口 / unknown datacube endpoint "+api)
	}
	b, err1 := time.Parse(time.DateOnly, begin)
	e, err2 := time.Parse(time.DateOnly, end)
	switch {
	case err1 != nil || err2 != nil:
		return models.Invalid("begin_date", "日期须为 YYYY-MM-DD / dates must be YYYY-MM-DD")
	case begin < models.CubeEpoch:
		return models.Invalid("begin_date", "微信数据统计从2014-12-01开始 / datacube has no data before 2014-12-01")
	case e.Before(b):
		return models.Invalid("end_date", "结束日期早于开始日期 / end_date is before begin_date")
	case int(e.Sub(b).Hours()/24)+1 > maxDays:
		return models.Invalid("end_date", "统计时间跨度超出接口限制 / the window is longer than "+strconv.Itoa(maxDays)+" days")
	}
	return nil
}

// classicCube calls the endpoints the SDK wraps.
func (c *Client) classicCube(_ context.Context, api, begin, end string, res *CubeResult) error {
	switch api {
	case models.APIUserSummary:
		r, err := c.datacube.GetUserSummary(begin, end)
		for _, x := range r.List {
			res.UserDays = append(res.UserDays, models.CubeUserDay{Day: x.RefDate, Source: x.UserSource,
				NewUser: int64(x.NewUser), CancelUser: int64(x.CancelUser)})
		}
		return err
	case models.APIUserCumulate:
		r, err := c.datacube.GetUserAccumulate(begin, end)
		for _, x := range r.List {
			res.Cumulates = append(res.Cumulates, models.CubeCumulate{Day: x.RefDate, CumulateUser: int64(x.CumulateUser)})
		}
		return err
	}
	r, err := c.datacube.GetUserRead(begin, end)
	for _, x := range r.List {
		res.UserReads = append(res.UserReads, models.CubeUserRead{Day: x.RefDate, Source: x.UserSource,
			ReadUser: int64(x.IntPageReadUser), ReadCount: int64(x.IntPageReadCount),
			ShareUser: int64(x.ShareUser), ShareCount: int64(x.ShareCount)})
	}
	return err
}

// newCubeAnswer covers the three newer endpoints' shapes.
type newCubeAnswer struct {
	util.CommonError
	IsDelay bool `json:"is_delay"`
	List    []struct {
		RefDate string     `json:"ref_date"`
		MsgID   string     `json:"msgid"`
		Title   string     `json:"title"`
		Detail  cubeDetail `json:"detail"`
		Details []struct {
			StatDate string `json:"stat_date"`
			cubeDetail
		} `json:"detail_list"`
	} `json:"list"`
}

type cubeDetail struct {
	ReadUser       int64 `json:"read_user"`
	ShareUser      int64 `json:"share_user"`
	ZaikanUser     int64 `json:"zaikan_user"`
	LikeUser       int64 `json:"like_user"`
	CommentCount   int64 `json:"comment_count"`
	CollectionUser int64 `json:"collection_user"`
}

// newCube calls getarticleread, getbizsummary or getarticletotaldetail,
// which the SDK does not wrap, with the shared access token.
func (c *Client) newCube(ctx context.Context, api, begin, end string, res *CubeResult) error {
	tok, err := c.Tokens.GetAccessTokenContext(ctx)
	if err != nil {
		return err
	}
	// The official host, so the SDK's URI modifier sends it to the configured base.
	uri := officialAPIBase + "/datacube/" + api + "?access_token=" + tok
	body, err := util.PostJSONContext(ctx, uri, map[string]string{"begin_date": begin, "end_date": end})
	if err != nil {
		return err
	}
	var a newCubeAnswer
	if err := util.DecodeWithError(body, &a, api); err != nil {
		return err
	}
	res.Delayed = a.IsDelay
	for _, x := range a.List {
		d := x.Detail
		switch api {
		case models.APIArticleRead:
			res.ArticleReads = append(res.ArticleReads, models.CubeArticleRead{Day: x.RefDate, MsgID: x.MsgID, ReadUser: d.ReadUser})
		case models.APIBizSummary:
			res.Biz = append(res.Biz, models.CubeBizDay{Day: x.RefDate, ReadUser: d.ReadUser, ShareUser: d.ShareUser,
				ZaikanUser: d.ZaikanUser, LikeUser: d.LikeUser, CommentCount: d.CommentCount, CollectionUser: d.CollectionUser})
		default:
			for _, s := range x.Details {
				res.Totals = append(res.Totals, models.CubeArticleTotal{MsgID: x.MsgID, StatDate: s.StatDate, PublishDay: x.RefDate,
					Title: x.Title, ReadUser: s.ReadUser, ShareUser: s.ShareUser, LikeUser: s.LikeUser})
			}
		}
	}
	return nil
}
