package wechat

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"net/url"
	"strconv"

	"github.com/silenceper/wechat/v2/officialaccount/draft"
	"github.com/silenceper/wechat/v2/util"
)

// DraftArticle is one article of a draft (draft/add).
type DraftArticle struct {
	Title, Author, Digest, Content, SourceURL, ThumbMediaID string
}

// postJSON calls a JSON endpoint the SDK does not wrap (or wraps without a
// field we need) with the shared token, decoding the answer into out.
// WeChat's errcode comes back as an SDK CommonError, like SDK calls.
func (c *Client) postJSON(ctx context.Context, api, path string, body any, out any) error {
	tok, err := c.Tokens.GetAccessTokenContext(ctx)
	if err != nil {
		return err
	}
	raw, err := util.PostJSONContext(ctx, officialAPIBase+path+"?access_token="+url.QueryEscape(tok), body)
	if err != nil {
		return err
	}
	return decodeAPI(api, raw, out)
}

// decodeAPI reads errcode and errmsg, then the rest into out.
func decodeAPI(api string, raw []byte, out any) error {
	var ce struct {
		ErrCode int64  `json:"errcode"`
		ErrMsg  string `json:"errmsg"`
	}
	if err := json.Unmarshal(raw, &ce); err != nil {
		return err
	}
	if out != nil {
		if err := json.Unmarshal(raw, out); err != nil {
			return err
		}
	}
	if ce.ErrCode != 0 {
		return util.NewCommonError(api, ce.ErrCode, ce.ErrMsg)
	}
	return nil
}

// upload posts a multipart "media" file.
func (c *Client) upload(ctx context.Context, api, path, name string, data []byte, out any) error {
	tok, err := c.Tokens.GetAccessTokenContext(ctx)
	if err != nil {
		return err
	}
	uri := officialAPIBase + path + "access_token=" + url.QueryEscape(tok)
	raw, err := util.PostFileFromReader("media", name, name, uri, bytes.NewReader(data))
	if err != nil {
		return err
	}
	return decodeAPI(api, raw, out)
}

// UploadImage adds a permanent image material (a draft's cover must be one)
// and returns its media_id and URL.
func (c *Client) UploadImage(ctx context.Context, name string, data []byte) (mediaID, imageURL string, err error) {
	var res struct {
		MediaID string `json:"media_id"`
		URL     string `json:"url"`
	}
	err = c.call(ctx, "material/add_material", func() error {
		return c.upload(ctx, "material/add_material", "/cgi-bin/material/add_material?type=image&", name, data, &res)
	})
	return res.MediaID, res.URL, err
}

// UploadContentImage uploads an image for an article body (media/uploadimg)
// and returns the WeChat URL that must replace ours in the content.
func (c *Client) UploadContentImage(ctx context.Context, name string, data []byte) (string, error) {
	var res struct {
		URL string `json:"url"`
	}
	err := c.call(ctx, "media/uploadimg", func() error {
		return c.upload(ctx, "media/uploadimg", "/cgi-bin/media/uploadimg?", name, data, &res)
	})
	return res.URL, err
}

// AddDraft adds a draft of one to eight articles and returns its media_id.
func (c *Client) AddDraft(ctx context.Context, arts []DraftArticle) (string, error) {
	if err := c.requireAdvanced("草稿箱"); err != nil {
		return "", err
	}
	items := make([]*draft.Article, len(arts))
	for i, a := range arts {
		items[i] = &draft.Article{Title: a.Title, Author: a.Author, Digest: a.Digest, Content: a.Content,
			ContentSourceURL: a.SourceURL, ThumbMediaID: a.ThumbMediaID, ShowCoverPic: 1}
	}
	var id string
	err := c.call(ctx, "draft/add", func() error {
		var e error
		id, e = c.draft.AddDraft(items)
		return e
	})
	return id, err
}

// SubmitPublish starts a freepublish job for a draft. The SDK's own call
// drops msg_data_id, so this one decodes the answer itself.
func (c *Client) SubmitPublish(ctx context.Context, mediaID string) (publishID, msgDataID int64, err error) {
	if err := c.requireAdvanced("发布"); err != nil {
		return 0, 0, err
	}
	var res struct {
		PublishID flexInt `json:"publish_id"`
		MsgDataID flexInt `json:"msg_data_id"`
	}
	err = c.call(ctx, "freepublish/submit", func() error {
		return c.postJSON(ctx, "freepublish/submit", "/cgi-bin/freepublish/submit", map[string]string{"media_id": mediaID}, &res)
	})
	return int64(res.PublishID), int64(res.MsgDataID), err
}

// PublishOutcome is a freepublish job's state (freepublish/get or the
// PUBLISHJOBFINISH event).
type PublishOutcome struct {
	PublishID int64
	// Status: 0 success, 1 publishing, 2 originality check failed, 3 failed,
	// 4 platform review rejected, 5 deleted by the user, 6 banned.
	Status    int
	ArticleID string
	URLs      []string
	FailIdx   []uint
}

// PublishStatus polls a freepublish job.
func (c *Client) PublishStatus(ctx context.Context, publishID int64) (PublishOutcome, error) {
	if err := c.requireAdvanced("发布"); err != nil {
		return PublishOutcome{}, err
	}
	var out PublishOutcome
	err := c.call(ctx, "freepublish/get", func() error {
		res, e := c.freepublish.SelectStatus(publishID)
		if e != nil {
			return e
		}
		out = PublishOutcome{PublishID: res.PublishID, Status: int(res.PublishStatus), ArticleID: res.ArticleID, FailIdx: res.FailIndex}
		for _, it := range res.ArticleDetail.Items {
			out.URLs = append(out.URLs, it.ArticleURL)
		}
		return nil
	})
	return out, err
}

// MassSend is a mass send (群发) of a draft.
type MassSend struct {
	MediaID string
	ToAll   bool
	TagID   int
	// ClientMsgID makes the send idempotent: WeChat refuses a second send
	// with the same id (45065) and names the first one's msg_id.
	ClientMsgID string
}

// SendMass sends a draft to all followers or a tag. The SDK's broadcast has
// no clientmsgid, so this call is made directly. A 45065 answer means an
// earlier attempt went through: its msg_id is returned as a success.
func (c *Client) SendMass(ctx context.Context, m MassSend) (msgID, msgDataID int64, err error) {
	if err := c.requireAdvanced("群发"); err != nil {
		return 0, 0, err
	}
	filter := map[string]any{"is_to_all": m.ToAll}
	if !m.ToAll {
		filter["tag_id"] = m.TagID
	}
	body := map[string]any{"filter": filter, "mpnews": map[string]string{"media_id": m.MediaID},
		"msgtype": "mpnews", "send_ignore_reprint": 1, "clientmsgid": m.ClientMsgID}
	var res struct {
		MsgID     flexInt `json:"msg_id"`
		MsgDataID flexInt `json:"msg_data_id"`
	}
	err = c.call(ctx, "mass/sendall", func() error {
		return c.postJSON(ctx, "mass/sendall", "/cgi-bin/message/mass/sendall", body, &res)
	})
	var ae *APIError
	if errors.As(err, &ae) && ae.Code == 45065 && res.MsgID != 0 {
		return int64(res.MsgID), int64(res.MsgDataID), nil
	}
	return int64(res.MsgID), int64(res.MsgDataID), err
}

// MassStatus polls a mass send: SEND_SUCCESS, SENDING, SEND_FAIL or DELETE.
func (c *Client) MassStatus(ctx context.Context, msgID int64) (string, error) {
	if err := c.requireAdvanced("群发"); err != nil {
		return "", err
	}
	var status string
	err := c.call(ctx, "mass/get", func() error {
		res, e := c.broadcast.GetMassStatus(strconv.FormatInt(msgID, 10))
		if e != nil {
			return e
		}
		status = res.MsgStatus
		return nil
	})
	return status, err
}

// flexInt accepts an ID sent as a JSON number or string; WeChat's docs and
// servers disagree, and IDs exceed 2^31.
type flexInt int64

func (f *flexInt) UnmarshalJSON(b []byte) error {
	s := string(bytes.Trim(b, `"`))
	if s == "" || s == "null" {
		*f = 0
		return nil
	}
	n, err := strconv.ParseInt(s, 10, 64)
	*f = flexInt(n)
	return err
}
