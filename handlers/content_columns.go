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

// saveColumn creates (POST) or replaces (PUT /:id) a column.
func (s *server) saveColumn(c *gin.Context) {
	var col models.Column
	if err := bindJSON(c, &col); err != nil {
		writeError(c, s.Log, err)
		return
	}
	id, err := optionalID(c)
	if err != nil {
		writeError(c, s.Log, err)
		return
	}
	col.ID = id
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

// saveCategory creates (POST) or replaces (PUT /:id) a category.
func (s *server) saveCategory(c *gin.Context) {
	var cat models.Category
	if err := bindJSON(c, &cat); err != nil {
		writeError(c, s.Log, err)
		return
	}
	id, err := optionalID(c)
	if err != nil {
		writeError(c, s.Log, err)
		return
	}
	cat.ID = id
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
