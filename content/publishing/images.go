package publishing

import (
	"context"
	"fmt"
	"io"
	"mime"
	"net/http"
	"path"
	"strconv"
	"strings"

	"govmp/models"
	"govmp/store"
)

// maxImageBytes is WeChat's limit for an image material.
const maxImageBytes = 10 << 20

// Images fetches the pictures an article uses: our own uploads straight from
// the database, other http(s) URLs over the network.
type Images struct {
	Store *store.Store
	// LocalPrefix is PublicURL + "/h5/images/": URLs under it are our uploads.
	LocalPrefix string
	HTTP        *http.Client
}

// Fetch returns a file name (with an extension WeChat checks) and the bytes.
func (im *Images) Fetch(ctx context.Context, url string) (string, []byte, error) {
	if rest, ok := strings.CutPrefix(url, im.LocalPrefix); ok && im.LocalPrefix != "" {
		id, err := strconv.ParseUint(rest, 10, 32)
		if err != nil {
			return "", nil, models.Errorf(models.EINVALID, "图片地址无效：%s / bad image URL", url)
		}
		img, err := im.Store.Image(ctx, uint(id))
		if err != nil {
			return "", nil, err
		}
		return nameFor(img.Name, img.ContentType), img.Data, nil
	}
	return im.download(ctx, url)
}

func (im *Images) download(ctx context.Context, url string) (string, []byte, error) {
	unreachable := models.Errorf(models.EUNAVAILABLE, "无法获取图片 %s，请改为上传图片 / the image cannot be fetched, upload it instead", url)
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return "", nil, unreachable
	}
	resp, err := im.HTTP.Do(req)
	if err != nil {
		return "", nil, unreachable
	}
	defer resp.Body.Close()
	ct, _, _ := mime.ParseMediaType(resp.Header.Get("Content-Type"))
	if resp.StatusCode != http.StatusOK || !strings.HasPrefix(ct, "image/") {
		return "", nil, unreachable
	}
	data, err := io.ReadAll(io.LimitReader(resp.Body, maxImageBytes+1))
	if err != nil {
		return "", nil, unreachable
	}
	if len(data) > maxImageBytes {
		return "", nil, models.Errorf(models.EINVALID, "图片超过10MB：%s / the image is larger than 10 MB", url)
	}
	return nameFor(path.Base(req.URL.Path), ct), data, nil
}

// nameFor keeps name when its extension matches an image type, else makes
// one from the content type: WeChat judges uploads by their extension.
func nameFor(name, contentType string) string {
	ext := strings.ToLower(path.Ext(name))
	switch ext {
	case ".jpg", ".jpeg", ".png", ".gif", ".bmp":
		return name
	}
	switch contentType {
	case "image/png":
		ext = ".png"
	case "image/gif":
		ext = ".gif"
	case "image/bmp":
		ext = ".bmp"
	default:
		ext = ".jpg"
	}
	return fmt.Sprintf("image%s", ext)
}
