package wechattest

import (
	"bytes"
	"crypto/rand"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"time"
)

// maxBody caps what the fake reads; it is above the 10 MB material limit so
// an oversized upload earns WeChat's size error rather than a cut-off read.
const maxBody = 21 << 20

// request is what a route handler sees: the body is read before the lock is
// taken, so a slow client never blocks the rest of the fake.
type request struct {
	r     *http.Request
	query url.Values
	body  []byte
}

// gate says which accounts may call a route.
type gate int

const (
	open         gate = iota // any account (token and material endpoints)
	verifiedOnly             // verified accounts only
	menuGate                 // verified accounts, and any service account
)

// route describes one endpoint.
type route struct {
	post bool // anything else gets 43002
	auth bool // needs ?access_token
	gate gate
	h    func(s *Server, rq *request) any
}

// apiErr is a handler result that is written as WeChat's error object;
// extra carries fields WeChat adds to some errors (45065 names the msg_id).
type apiErr struct {
	code  int
	extra map[string]any
}

func fail(code int) apiErr { return apiErr{code: code} }

// fault is pending fault injection for one path.
type fault struct {
	errcode int // WeChat error to answer with, when status is 0
	status  int // HTTP status to answer with instead
	n       int
}

func routes() map[string]route {
	return map[string]route{
		"/cgi-bin/token":                     {h: (*Server).handleToken},
		"/cgi-bin/stable_token":              {post: true, h: (*Server).handleStableToken},
		"/cgi-bin/menu/create":               {post: true, auth: true, gate: menuGate, h: (*Server).handleMenuCreate},
		"/cgi-bin/menu/get":                  {auth: true, gate: menuGate, h: (*Server).handleMenuGet},
		"/cgi-bin/menu/delete":               {auth: true, gate: menuGate, h: (*Server).handleMenuDelete},
		"/cgi-bin/message/custom/send":       {post: true, auth: true, gate: verifiedOnly, h: (*Server).handleCustomSend},
		"/cgi-bin/user/get":                  {auth: true, gate: verifiedOnly, h: (*Server).handleUserGet},
		"/cgi-bin/user/info/batchget":        {post: true, auth: true, gate: verifiedOnly, h: (*Server).handleBatchGet},
		"/cgi-bin/material/add_material":     {post: true, auth: true, h: (*Server).handleAddMaterial},
		"/cgi-bin/media/uploadimg":           {post: true, auth: true, h: (*Server).handleUploadImg},
		"/cgi-bin/draft/add":                 {post: true, auth: true, gate: verifiedOnly, h: (*Server).handleDraftAdd},
		"/cgi-bin/draft/get":                 {post: true, auth: true, gate: verifiedOnly, h: (*Server).handleDraftGet},
		"/cgi-bin/draft/update":              {post: true, auth: true, gate: verifiedOnly, h: (*Server).handleDraftUpdate},
		"/cgi-bin/draft/delete":              {post: true, auth: true, gate: verifiedOnly, h: (*Server).handleDraftDelete},
		"/cgi-bin/draft/count":               {auth: true, gate: verifiedOnly, h: (*Server).handleDraftCount},
		"/cgi-bin/freepublish/submit":        {post: true, auth: true, gate: verifiedOnly, h: (*Server).handlePublishSubmit},
		"/cgi-bin/freepublish/get":           {post: true, auth: true, gate: verifiedOnly, h: (*Server).handlePublishGet},
		"/cgi-bin/freepublish/batchget":      {post: true, auth: true, gate: verifiedOnly, h: (*Server).handlePublishBatchGet},
		"/cgi-bin/message/mass/sendall":      {post: true, auth: true, gate: verifiedOnly, h: (*Server).handleMassSend},
		"/cgi-bin/message/mass/get":          {post: true, auth: true, gate: verifiedOnly, h: (*Server).handleMassGet},
		"/datacube/getusersummary":           {post: true, auth: true, gate: verifiedOnly, h: cube(cubeUserSummary)},
		"/datacube/getusercumulate":          {post: true, auth: true, gate: verifiedOnly, h: cube(cubeUserCumulate)},
		"/datacube/getarticleread":           {post: true, auth: true, gate: verifiedOnly, h: cube(cubeArticleRead)},
		"/datacube/getbizsummary":            {post: true, auth: true, gate: verifiedOnly, h: cube(cubeBizSummary)},
		"/datacube/getarticletotaldetail":    {post: true, auth: true, gate: verifiedOnly, h: cube(cubeArticleTotalDetail)},
		"/datacube/getuserread":              {post: true, auth: true, gate: verifiedOnly, h: cube(cubeUserRead)},
		"/cgi-bin/get_current_selfmenu_info": {auth: true, gate: menuGate, h: (*Server).handleSelfMenuInfo},
	}
}

var routeTable = routes()

// serve runs fault injection first, so a test can make any endpoint fail
// regardless of its token or body, then the route itself under the lock.
func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	path := r.URL.Path
	s.mu.Lock()
	s.calls[path]++
	latency := s.latency
	f := s.takeFault(path)
	var injected map[string]any
	if f != nil && f.status == 0 {
		injected = s.errBody(apiErr{code: f.errcode})
	}
	s.mu.Unlock()

	if latency > 0 {
		select {
		case <-time.After(latency):
		case <-r.Context().Done():
			return
		}
	}
	if f != nil && f.status != 0 {
		http.Error(w, http.StatusText(f.status), f.status)
		return
	}
	if injected != nil {
		writeJSON(w, injected)
		return
	}
	rt, ok := routeTable[path]
	if !ok {
		http.NotFound(w, r)
		return
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, maxBody))
	if err != nil {
		http.Error(w, "read error", http.StatusBadRequest)
		return
	}
	s.mu.Lock()
	out := s.run(rt, &request{r: r, query: r.URL.Query(), body: body})
	if e, isErr := out.(apiErr); isErr {
		out = s.errBody(e)
	}
	s.mu.Unlock()
	writeJSON(w, out)
}

// run applies the checks every real endpoint makes, in WeChat's order:
// method, then token, then the account's permission.
func (s *Server) run(rt route, rq *request) any {
	if rt.post && rq.r.Method != http.MethodPost {
		return fail(43002)
	}
	if rt.auth {
		if code := s.checkToken(rq.query.Get("access_token")); code != 0 {
			return fail(code)
		}
	}
	switch {
	case rt.gate == verifiedOnly && !s.verified,
		rt.gate == menuGate && !s.verified && !s.serviceAccount:
		return fail(48001)
	}
	return rt.h(s, rq)
}

// takeFault consumes one pending fault for path; callers hold s.mu.
func (s *Server) takeFault(path string) *fault {
	f := s.faults[path]
	if f == nil || f.n <= 0 {
		return nil
	}
	f.n--
	c := *f
	if f.n == 0 {
		delete(s.faults, path)
	}
	return &c
}

// FailNext makes the next n calls to path (such as "/cgi-bin/token") answer
// with errcode, before any other check; -1 is WeChat's "system error".
func (s *Server) FailNext(path string, errcode, n int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults[path] = &fault{errcode: errcode, n: n}
}

// FailHTTP makes the next n calls to path answer with the HTTP status (such
// as 500 or 502) and a plain-text body, as a broken gateway would.
func (s *Server) FailHTTP(path string, status, n int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults[path] = &fault{status: status, n: n}
}

// SetLatency delays every answer by d, to exercise client timeouts.
func (s *Server) SetLatency(d time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.latency = d
}

// decode reads a JSON body; WeChat answers 47001 to anything unparseable.
func decode(rq *request, v any) *apiErr {
	if len(bytes.TrimSpace(rq.body)) == 0 {
		return &apiErr{code: 44002}
	}
	dec := json.NewDecoder(bytes.NewReader(rq.body))
	dec.UseNumber()
	if err := dec.Decode(v); err != nil {
		return &apiErr{code: 47001}
	}
	return nil
}

// errBody builds {"errcode","errmsg"} with the " rid: …" suffix current
// WeChat appends, so clients that compare errmsg text break here first.
// Callers hold s.mu.
func (s *Server) errBody(e apiErr) map[string]any {
	out := map[string]any{
		"errcode": e.code,
		"errmsg":  errMsg(e.code) + s.rid(),
	}
	for k, v := range e.extra {
		out[k] = v
	}
	return out
}

func (s *Server) rid() string {
	var b [4]byte
	_, _ = rand.Read(b[:]) // crypto/rand does not fail on supported platforms
	return fmt.Sprintf(" rid: %08x-%08x-%08x", uint32(time.Now().Unix()), binary.BigEndian.Uint32(b[:]), uint32(s.nextSeq()))
}

// ok is the answer of WeChat's "action" endpoints.
func ok() map[string]any { return map[string]any{"errcode": 0, "errmsg": "ok"} }

// writeJSON writes Chinese literally, as WeChat does, instead of \u escapes.
func writeJSON(w http.ResponseWriter, v any) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		http.Error(w, "encode error", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json; encoding=utf-8")
	_, _ = w.Write(buf.Bytes())
}
