package store

import (
	"context"
	"fmt"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"govmp/models"
)

// NextFence returns a new fencing token for job, larger than every earlier one.
func (s *Store) NextFence(ctx context.Context, job string) (int64, error) {
	var token int64
	err := s.DB.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if err := tx.Clauses(clause.OnConflict{DoNothing: true}).Create(&models.JobFence{Job: job}).Error; err != nil {
			return err
		}
		if err := tx.Model(&models.JobFence{}).Where("job = ?", job).Update("token", gorm.Expr("token + 1")).Error; err != nil {
			return err
		}
		return tx.Model(&models.JobFence{}).Where("job = ?", job).Pluck("token", &token).Error
	})
	if err != nil {
		return 0, fmt.Errorf("store: unable to issue a fencing token: %w", err)
	}
	return token, nil
}

// Fence takes a new fencing token for job and returns ctx carrying it, for
// the job runner: writes that check the fence (CheckFence) then refuse to
// commit once another replica has taken the job over.
func (s *Store) Fence(ctx context.Context, job string) (context.Context, error) {
	token, err := s.NextFence(ctx, job)
	if err != nil {
		return ctx, err
	}
	return context.WithValue(ctx, fenceKey{}, fence{job: job, token: token}), nil
}

type fenceKey struct{}

type fence struct {
	job   string
	token int64
}

// CheckFence refuses, inside a transaction begun with a job run's context,
// a run whose token is no longer the latest: it was paused past its lease
// and another replica has taken the job over. Outside a job it does nothing.
func CheckFence(tx *gorm.DB) error {
	f, ok := tx.Statement.Context.Value(fenceKey{}).(fence)
	if !ok {
		return nil
	}
	job, token := f.job, f.token
	var current int64
	q := tx.Model(&models.JobFence{}).Where("job = ?", job)
	if tx.Dialector.Name() == "mysql" {
		q = q.Clauses(clause.Locking{Strength: "SHARE"})
	}
	if err := q.Pluck("token", &current).Error; err != nil {
		return fmt.Errorf("store: unable to read the fencing token: %w", err)
	}
	if current != token {
		return models.Errorf(models.ECONFLICT, "job %s was taken over by another replica (token %d, now %d)", job, token, current)
	}
	return nil
}
