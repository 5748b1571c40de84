package wechattest

import (
	"bytes"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"path"
	"slices"
	"strings"
	"time"
)

// Material is an uploaded file: a permanent material (MediaID set) or an
// image for article bodies from media/uploadimg (Type "content_image").
type Material struct {
	MediaID  string
	Type     string // image, voice, video, thumb, content_image
	Filename string
	Size     int
	URL      string
	Data     []byte
	At       time.Time
}

// materialRule is WeChat's limit for one material type.
type materialRule struct {
	exts    []string
	maxSize int
	sizeErr int
}

var materialRules = map[string]materialRule{
	"image": {exts: []string{".bmp", ".png", ".jpeg", ".jpg", ".gif"}, maxSize: 10 << 20, sizeErr: 40009},
	"voice": {exts: []string{".mp3", ".wma", ".wav", ".amr"}, maxSize: 2 << 20, sizeErr: 40010},
	"video": {exts: []string{".mp4"}, maxSize: 10 << 20, sizeErr: 40011},
	"thumb": {exts: []string{".jpg", ".jpeg"}, maxSize: 64 << 10, sizeErr: 40012},
}

// readMedia returns the multipart "media" file of the request.
func readMedia(rq *request) (name string, data []byte, code int) {
	_, params, err := mime.ParseMediaType(rq.r.Header.Get("Content-Type"))
	if err != nil || params["boundary"] == "" {
		return "", nil, 41005
	}
	mr := multipart.NewReader(bytes.NewReader(rq.body), params["boundary"])
	for {
		part, err := mr.NextPart()
		if err != nil {
			return "", nil, 41005
		}
		if part.FormName() != "media" {
			continue
		}
		data, err := io.ReadAll(part)
		if err != nil {
			return "", nil, 41005
		}
		return part.FileName(), data, 0
	}
}

// handleAddMaterial stores a permanent material; only images get a URL back.
func (s *Server) handleAddMaterial(rq *request) any {
	typ := rq.query.Get("type")
	rule, known := materialRules[typ]
	if !known {
		return fail(40004)
	}
	if len(rq.body) >= maxBody { // cut off while reading: certainly too big
		return fail(rule.sizeErr)
	}
	name, data, code := readMedia(rq)
	if code != 0 {
		return fail(code)
	}
	if !slices.Contains(rule.exts, strings.ToLower(path.Ext(name))) {
		return fail(40005)
	}
	if len(data) > rule.maxSize {
		return fail(rule.sizeErr)
	}
	n := s.nextSeq()
	m := Material{
		MediaID:  fmt.Sprintf("FAKEMEDIA_%s_%012d", typ, n),
		Type:     typ,
		Filename: name,
		Size:     len(data),
		Data:     data,
		At:       s.nowLocked(),
	}
	out := map[string]any{"media_id": m.MediaID}
	if typ == "image" {
		m.URL = fmt.Sprintf("http://mmbiz.qpic.cn/fake/%d/0?wx_fmt=%s", n, strings.TrimPrefix(path.Ext(name), "."))
		out["url"] = m.URL
	}
	s.materials = append(s.materials, m)
	return out
}

// handleUploadImg stores an image for article bodies: jpg/png under 1 MB.
func (s *Server) handleUploadImg(rq *request) any {
	if len(rq.body) >= maxBody {
		return fail(40009)
	}
	name, data, code := readMedia(rq)
	if code != 0 {
		return fail(code)
	}
	ext := strings.ToLower(path.Ext(name))
	if ext != ".jpg" && ext != ".jpeg" && ext != ".png" {
		return fail(40005)
	}
	if len(data) >= 1<<20 {
		return fail(40009)
	}
	n := s.nextSeq()
	m := Material{
		Type:     "content_image",
		Filename: name,
		Size:     len(data),
		URL:      fmt.Sprintf("http://mmbiz.qpic.cn/fake_content/%d/0?wx_fmt=%s", n, strings.TrimPrefix(ext, ".")),
		Data:     data,
		At:       s.nowLocked(),
	}
	s.materials = append(s.materials, m)
	return map[string]any{"url": m.URL, "errcode": 0, "errmsg": "ok"}
}

// permanentImage reports whether id may be a draft's thumb_media_id.
func (s *Server) permanentImage(id string) bool {
	for _, m := range s.materials {
		if m.MediaID == id && (m.Type == "image" || m.Type == "thumb") {
			return true
		}
	}
	return false
}

// Materials returns copies of every uploaded file, in upload order.
func (s *Server) Materials() []Material {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Material, len(s.materials))
	for i, m := range s.materials {
		m.Data = append([]byte(nil), m.Data...)
		out[i] = m
	}
	return out
}
