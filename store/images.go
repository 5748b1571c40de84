package store

import (
	"context"
	"errors"
	"fmt"

	"gorm.io/gorm"

	"govmp/models"
)

// SaveImage stores an uploaded picture.
func (s *Store) SaveImage(ctx context.Context, img *models.Image) error {
	if err := s.DB.WithContext(ctx).Create(img).Error; err != nil {
		return fmt.Errorf("store: unable to save image: %w", err)
	}
	return nil
}

// Image returns one picture with its bytes, or ENOTFOUND.
func (s *Store) Image(ctx context.Context, id uint) (*models.Image, error) {
	var img models.Image
	err := s.DB.WithContext(ctx).First(&img, id).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return nil, models.Errorf(models.ENOTFOUND, "图片不存在 / image not found")
	}
	if err != nil {
		return nil, fmt.Errorf("store: unable to load image: %w", err)
	}
	return &img, nil
}
