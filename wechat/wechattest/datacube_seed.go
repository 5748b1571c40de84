package wechattest

// ArticleRead is one getarticleread row: reads of one article on one day.
type ArticleRead struct {
	MsgID    string // "<msg_data_id>_<idx>"
	ReadUser int
	Sources  map[string]int // scene_desc → user_count
}

// BizDay is one getbizsummary row: the whole account's reading on one day.
type BizDay struct {
	ReadUser, ShareUser, ZaikanUser, LikeUser, CommentCount int
	CollectionUser, RedirectOriPageUser, SendPageCount      int
	Sources                                                 map[string]int
}

// ArticleTotal is one getarticletotaldetail row: an article published on the
// queried day, with its statistics for each day since.
type ArticleTotal struct {
	MsgID       string
	Title       string
	ContentURL  string
	PublishType int
	Days        []ArticleDayStat
}

// ArticleDayStat is one entry of ArticleTotal's detail_list.
type ArticleDayStat struct {
	StatDate                                                string
	ReadUser, ShareUser, ZaikanUser, LikeUser, CommentCount int
	CollectionUser, ReadSubscribeUser                       int
	ReadDeliveryRate, ReadFinishRate                        float64
	ReadAvgActiveTime                                       float64
	Sources                                                 map[string]int
}

// UserRead is one getuserread row (an older endpoint, still answering).
type UserRead struct {
	UserSource                                 int
	ReadUser, ReadCount, ShareUser, ShareCount int
}

// SetUserDay seeds getusersummary (user_source 0) and getusercumulate for
// one day; dates are YYYY-MM-DD.
func (s *Server) SetUserDay(date string, newUser, cancelUser, cumulate int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	rows := s.cube.userDays[date]
	kept := rows[:0:0]
	for _, r := range rows {
		if r.source != 0 {
			kept = append(kept, r)
		}
	}
	s.cube.userDays[date] = append([]userSource{{0, newUser, cancelUser}}, kept...)
	s.cube.cumulate[date] = cumulate
}

// AddUserSource adds a getusersummary row for another user_source (30 = QR
// code, 17 = profile card, …) on one day.
func (s *Server) AddUserSource(date string, source, newUser, cancelUser int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.cube.userDays[date] = append(s.cube.userDays[date], userSource{source, newUser, cancelUser})
}

// SetArticleReads seeds getarticleread: readUser readers of msgid on date.
func (s *Server) SetArticleReads(date, msgid string, readUser int) {
	s.SetArticleRead(date, ArticleRead{MsgID: msgid, ReadUser: readUser})
}

// SetArticleRead seeds a full getarticleread row, replacing one with the
// same msgid on that date.
func (s *Server) SetArticleRead(date string, r ArticleRead) {
	s.mu.Lock()
	defer s.mu.Unlock()
	rows := s.cube.reads[date]
	for i := range rows {
		if rows[i].MsgID == r.MsgID {
			rows[i] = r
			return
		}
	}
	s.cube.reads[date] = append(rows, r)
}

// SetBizDay seeds getbizsummary for one day.
func (s *Server) SetBizDay(date string, d BizDay) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.cube.biz[date] = d
}

// AddArticleTotal seeds getarticletotaldetail for articles published on
// publishDate.
func (s *Server) AddArticleTotal(publishDate string, a ArticleTotal) {
	s.mu.Lock()
	defer s.mu.Unlock()
	a.Days = append([]ArticleDayStat(nil), a.Days...)
	s.cube.totals[publishDate] = append(s.cube.totals[publishDate], a)
}

// AddUserRead seeds a getuserread row for one day.
func (s *Server) AddUserRead(date string, r UserRead) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.cube.userRead[date] = append(s.cube.userRead[date], r)
}

// SetDelay marks a day's data as still being corrected: the newer endpoints
// answer "is_delay": true for any range that includes it.
func (s *Server) SetDelay(date string, delay bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.cube.delay[date] = delay
}
