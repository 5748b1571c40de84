package handlers

import "github.com/gin-gonic/gin"

// ContentDeps are the dependencies of the articles, columns, categories, publishing, menu, H5 article pages and view counting routes.
type ContentDeps struct{}

// contentRoutes adds the articles, columns, categories, publishing, menu, H5 article pages and view counting routes; authed is /api/v1 behind authentication.
func (s *server) contentRoutes(e *gin.Engine, authed *gin.RouterGroup) {}
