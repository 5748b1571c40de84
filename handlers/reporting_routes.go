package handlers

import "github.com/gin-gonic/gin"

// ReportingDeps are the dependencies of the metrics and the annual report routes.
type ReportingDeps struct{}

// reportingRoutes adds the metrics and the annual report routes; authed is /api/v1 behind authentication.
func (s *server) reportingRoutes(e *gin.Engine, authed *gin.RouterGroup) {}
