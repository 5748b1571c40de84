package wechattest

import (
	"fmt"
	"strings"
	"time"
)

// userPage is WeChat's page size for user/get.
const userPage = 10000

// User is one openid the fake knows, with the fields user/info/batchget
// returns (nickname and avatar are gone from the real API since 2021).
type User struct {
	OpenID         string
	Subscribed     bool
	SubscribeTime  time.Time
	Language       string
	UnionID        string
	Remark         string
	GroupID        int
	TagIDs         []int
	SubscribeScene string // ADD_SCENE_SEARCH, ADD_SCENE_QR_CODE, …
	QRScene        int
	QRSceneStr     string
}

// AddFollower adds u as a follower, or replaces the user with its openid.
// Subscribed is forced on and a zero SubscribeTime becomes now.
func (s *Server) AddFollower(u User) {
	s.mu.Lock()
	defer s.mu.Unlock()
	u.Subscribed = true
	if u.SubscribeTime.IsZero() {
		u.SubscribeTime = s.nowLocked()
	}
	s.putUser(u)
}

// AddFollowers creates n followers with deterministic openids
// ("oFAKE000…0001", 28 characters like real ones) and returns them in order.
func (s *Server) AddFollowers(n int) []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.nowLocked()
	ids := make([]string, 0, n)
	for range n {
		id := fmt.Sprintf("oFAKE%023d", len(s.users)+1)
		s.putUser(User{
			OpenID: id, Subscribed: true, SubscribeTime: now, Language: "zh_CN",
			SubscribeScene: "ADD_SCENE_SEARCH", TagIDs: []int{},
		})
		ids = append(ids, id)
	}
	return ids
}

// putUser inserts or replaces u, keeping first-seen order for paging.
func (s *Server) putUser(u User) {
	if u.Language == "" {
		u.Language = "zh_CN"
	}
	u.TagIDs = append([]int{}, u.TagIDs...)
	if old := s.userIdx[u.OpenID]; old != nil {
		*old = u
		return
	}
	p := &u
	s.users = append(s.users, p)
	s.userIdx[u.OpenID] = p
}

// Touch records a user interaction at t, which opens the 48-hour window for
// customer messages; an unknown openid becomes a follower, since only
// followers can write to a subscription account.
func (s *Server) Touch(openid string, t time.Time) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.userIdx[openid] == nil {
		s.putUser(User{OpenID: openid, Subscribed: true, SubscribeTime: t, SubscribeScene: "ADD_SCENE_OTHERS"})
	}
	s.lastSeen[openid] = t
}

// Subscribe records a follow at t, through QR scene when it is not empty.
func (s *Server) Subscribe(openid, scene string, t time.Time) {
	s.mu.Lock()
	defer s.mu.Unlock()
	u := User{OpenID: openid, Subscribed: true, SubscribeTime: t, SubscribeScene: "ADD_SCENE_SEARCH"}
	if old := s.userIdx[openid]; old != nil {
		u = *old
		u.Subscribed, u.SubscribeTime = true, t
	}
	if scene != "" {
		u.SubscribeScene, u.QRSceneStr = "ADD_SCENE_QR_CODE", scene
	}
	s.putUser(u)
	s.lastSeen[openid] = t
}

// Unsubscribe records an unfollow: the user leaves user/get and customer
// messages to them fail with 45015.
func (s *Server) Unsubscribe(openid string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if u := s.userIdx[openid]; u != nil {
		u.Subscribed = false
	}
}

// LastInteraction returns when openid last interacted, if ever.
func (s *Server) LastInteraction(openid string) (time.Time, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	t, ok := s.lastSeen[openid]
	return t, ok
}

// Followers returns copies of every known user, followers or not, in the
// order they became known.
func (s *Server) Followers() []User {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]User, 0, len(s.users))
	for _, u := range s.users {
		c := *u
		c.TagIDs = append([]int{}, u.TagIDs...)
		out = append(out, c)
	}
	return out
}

// handleUserGet pages through current followers, 10,000 at a time, starting
// after next_openid.
func (s *Server) handleUserGet(rq *request) any {
	var subs []string
	for _, u := range s.users {
		if u.Subscribed {
			subs = append(subs, u.OpenID)
		}
	}
	start := 0
	if next := rq.query.Get("next_openid"); next != "" {
		i := indexOf(subs, next)
		if i < 0 {
			return fail(40003)
		}
		start = i + 1
	}
	page := subs[start:min(start+userPage, len(subs))]
	if len(page) == 0 {
		// The real answer for an empty page has no "data" at all.
		return map[string]any{"total": len(subs), "count": 0, "next_openid": ""}
	}
	return map[string]any{
		"total": len(subs), "count": len(page),
		"data":        map[string]any{"openid": page},
		"next_openid": page[len(page)-1],
	}
}

func indexOf(list []string, v string) int {
	for i, s := range list {
		if s == v {
			return i
		}
	}
	return -1
}

// handleBatchGet returns user info for up to 100 openids. More than 100, or
// an openid this account never saw, fails the whole call with 40003 (the
// real code for an oversized list is not documented).
func (s *Server) handleBatchGet(rq *request) any {
	var in struct {
		UserList []struct {
			OpenID string `json:"openid"`
			Lang   string `json:"lang"`
		} `json:"user_list"`
	}
	if e := decode(rq, &in); e != nil {
		return *e
	}
	if len(in.UserList) == 0 || len(in.UserList) > 100 {
		return fail(40003)
	}
	list := make([]map[string]any, 0, len(in.UserList))
	for _, item := range in.UserList {
		u := s.userIdx[strings.TrimSpace(item.OpenID)]
		if u == nil {
			return fail(40003)
		}
		list = append(list, userInfo(u))
	}
	return map[string]any{"user_info_list": list}
}

// userInfo renders one batchget item; a user who left gets only subscribe
// and openid, as WeChat does.
func userInfo(u *User) map[string]any {
	if !u.Subscribed {
		m := map[string]any{"subscribe": 0, "openid": u.OpenID}
		if u.UnionID != "" {
			m["unionid"] = u.UnionID
		}
		return m
	}
	m := map[string]any{
		"subscribe": 1, "openid": u.OpenID, "language": u.Language,
		"subscribe_time": u.SubscribeTime.Unix(), "remark": u.Remark,
		"groupid": u.GroupID, "tagid_list": append([]int{}, u.TagIDs...),
		"subscribe_scene": u.SubscribeScene, "qr_scene": u.QRScene,
		"qr_scene_str": u.QRSceneStr,
	}
	if u.UnionID != "" {
		m["unionid"] = u.UnionID
	}
	return m
}
