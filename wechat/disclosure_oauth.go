package wechat

import (
	"context"
	"errors"

	"govmp/models"
)

// SnsapiBaseURL returns WeChat's authorisation URL that silently identifies
// the follower (scope snsapi_base) and comes back to redirect with a code.
// Only a verified service account has web authorisation.
func (c *Client) SnsapiBaseURL(redirect, state string) (string, error) {
	if !c.cfg.UsesOAuth() {
		return "", models.Errorf(models.EUNAVAILABLE, "只有已认证的服务号可以使用网页授权 / only a verified service account has web authorisation")
	}
	return c.oauth.GetRedirectURL(redirect, "snsapi_base", state)
}

// SnsapiBaseOpenID exchanges an authorisation code for the follower's openid.
func (c *Client) SnsapiBaseOpenID(ctx context.Context, code string) (string, error) {
	if !c.cfg.UsesOAuth() {
		return "", models.Errorf(models.EUNAVAILABLE, "只有已认证的服务号可以使用网页授权 / only a verified service account has web authorisation")
	}
	var openID string
	err := c.call(ctx, "sns/oauth2/access_token", func() error {
		res, err := c.oauth.GetUserAccessTokenContext(ctx, code)
		openID = res.OpenID
		return err
	})
	if err != nil {
		return "", err
	}
	return openID, nil
}

// WindowClosed reports whether err is WeChat's refusal of a customer message
// outside the 48-hour window (45015), or because the follower left.
func WindowClosed(err error) bool {
	var ae *APIError
	return errors.As(err, &ae) && (ae.Code == 45015 || ae.Code == 43004)
}
