package handlers

import (
	"fmt"
	"net/http"

	"github.com/gin-gonic/gin"

	"govmp/models"
)

func (s *server) listColumns(c *gin.Context) {
	cols, err := s.Store.Columns(c.Request.Context(), false)
	if err != nil {
		writeError(c, s.Log, err)
		return
	}
	c.JSON(http.StatusOK, gin.H{"columns": cols})
}

// columnInput is a column as sent; Active is a pointer so that leaving it
// out means active rather than hidden.
type columnInput struct {
	models.Column
	Active *bool `json:"active"`
}

// saveColumn creates (POST) or replaces (PUT /:id) a column.
func (s *server) saveColumn(c *gin.Context) {
	var in columnInput
	if err := bindJSON(c, &in); err != nil {
		writeError(c, s.Log, err)
		return
	}
	id, err := optionalID(c)
	if err != nil {
		writeError(c, s.Log, err)
		return
	}
	col := in.Column
	col.ID, col.Active = id, in.Active == nil || *in.Active
	if err := s.Store.SaveColumn(c.Request.Context(), &col); err != nil {
		writeError(c, s.Log, err)
		return
	}
	s.audit(c, "column.save", fmt.Sprintf("column:%d", col.ID), col.Slug+" "+col.Name)
	c.JSON(http.StatusOK, gin.H{"column": col})
}

func (s *server) listCategories(c *gin.Context) {
	cats, err := s.Store.Categories(c.Request.Context(), false)
	if err != nil {
		writeError(c, s.Log, err)
		return
	}
	c.JSON(http.StatusOK, gin.H{"categories": cats})
}

// categoryInput is a category as sent; leaving Active out means active.
type categoryInput struct {
	models.Category
	Active *bool `json:"active"`
}

// saveCategory creates (POST) or replaces (PUT /:id) a category.
func (s *server) saveCategory(c *gin.Context) {
	var in categoryInput
	if err := bindJSON(c, &in); err != nil {
		writeError(c, s.Log, err)
		return
	}
	id, err := optionalID(c)
	if err != nil {
		writeError(c, s.Log, err)
		return
	}
	cat := in.Category
	cat.ID, cat.Active = id, in.Active == nil || *in.Active
	if err := s.Store.SaveCategory(c.Request.Context(), &cat); err != nil {
		writeError(c, s.Log, err)
		return
	}
	s.audit(c, "category.save", fmt.Sprintf("category:%d", cat.ID), cat.Name)
	c.JSON(http.StatusOK, gin.H{"category": cat})
}

// optionalID is the :id of a PUT, or 0 for a POST.
func optionalID(c *gin.Context) (uint, error) {
	if c.Param("id") == "" {
		return 0, nil
	}
	return pathID(c)
}
