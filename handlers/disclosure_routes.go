package handlers

import "github.com/gin-gonic/gin"

// DisclosureDeps are the dependencies of the 依申请公开 requests, the H5 application form and notices routes.
type DisclosureDeps struct{}

// disclosureRoutes adds the 依申请公开 requests, the H5 application form and notices routes; authed is /api/v1 behind authentication.
func (s *server) disclosureRoutes(e *gin.Engine, authed *gin.RouterGroup) {}
