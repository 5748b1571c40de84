package stats

import (
	"context"
	"time"

	"govmp/store"

	"govmp/models"
)

// Source names where a figure came from.
const (
	SourceDatacube = "datacube" // WeChat's statistics, synced and kept locally
	SourceLocal    = "local"    // govmp's own counts
	SourceMixed    = "mixed"    // datacube for the days it covers, local for the rest
	SourceNone     = "none"     // neither source has the figure
)

// Figure is one number with its provenance. Where both sources exist,
// Datacube and Local are both given and Difference is datacube − local
// over the days both cover.
type Figure struct {
	Value      int64  `json:"value"`
	Source     string `json:"source"`
	Datacube   *int64 `json:"datacube,omitempty"`
	Local      *int64 `json:"local,omitempty"`
	Difference *int64 `json:"difference,omitempty"`
}

// dayValues is one figure's inputs by day: datacube's value on the days it
// covers (a covered day without a row is a real zero), and the local count.
type dayValues struct {
	cube     map[string]int64
	covered  map[string]bool
	local    map[string]int64
	hasLocal bool
}

// sumFigure adds a figure over days: datacube where it covers a day, local
// otherwise, and the difference over the days both cover.
func (v dayValues) sumFigure(days []string) Figure {
	var cube, local, localCovered int64
	covered := 0
	for _, d := range days {
		l := v.local[d]
		local += l
		if v.covered[d] {
			covered++
			cube += v.cube[d]
			localCovered += l
		}
	}
	f := Figure{Value: cube + local - localCovered}
	switch {
	case covered == 0 && !v.hasLocal:
		f.Source = SourceNone
	case covered == 0:
		f.Source = SourceLocal
	case covered == len(days):
		f.Source = SourceDatacube
	case !v.hasLocal:
		f.Source = SourceDatacube
	default:
		f.Source = SourceMixed
	}
	if covered > 0 {
		f.Datacube = ptr(cube)
	}
	if v.hasLocal {
		f.Local = ptr(local)
	}
	if covered > 0 && v.hasLocal {
		f.Difference = ptr(cube - localCovered)
	}
	return f
}

// lastFigure takes a level figure (a cumulative count) on the last day.
func (v dayValues) lastFigure(days []string) Figure {
	if len(days) == 0 {
		return Figure{Source: SourceNone}
	}
	d := days[len(days)-1]
	f := Figure{Source: SourceLocal, Value: v.local[d]}
	if v.hasLocal {
		f.Local = ptr(v.local[d])
	}
	if v.covered[d] {
		f.Value, f.Source, f.Datacube = v.cube[d], SourceDatacube, ptr(v.cube[d])
		if v.hasLocal {
			f.Difference = ptr(v.cube[d] - v.local[d])
		}
	}
	return f
}

func ptr(v int64) *int64 { return &v }

// daysBetween lists the days of [from, to] (YYYY-MM-DD, already valid).
func daysBetween(from, to string) []string {
	f, _ := time.Parse(time.DateOnly, from)
	t, _ := time.Parse(time.DateOnly, to)
	var out []string
	for d := f; !d.After(t); d = d.AddDate(0, 0, 1) {
		out = append(out, d.Format(time.DateOnly))
	}
	return out
}

// DayBounds returns the instants a Beijing-day range starts and ends at.
func DayBounds(from, to string) (time.Time, time.Time) {
	f, _ := time.ParseInLocation(time.DateOnly, from, models.Beijing)
	t, _ := time.ParseInLocation(time.DateOnly, to, models.Beijing)
	return f, t.AddDate(0, 0, 1)
}

// SubscribersAt is the follower count at the end of day: datacube's
// cumulate_user where synced, else the local event history.
func SubscribersAt(ctx context.Context, src Sources, day string) (Figure, error) {
	local, err := src.Followers.FollowerTotal(ctx, day)
	if err != nil {
		return Figure{}, err
	}
	cube, err := src.Followers.CubeUsers(ctx, day, day)
	if err != nil {
		return Figure{}, err
	}
	v := dayValues{cube: map[string]int64{}, covered: map[string]bool{}, local: map[string]int64{day: local}, hasLocal: true}
	if c := cube[day]; c != nil && c.Cumulate != nil {
		v.cube[day], v.covered[day] = *c.Cumulate, true
	}
	return v.lastFigure([]string{day}), nil
}

// ViewsOver is the reads of every article over [first, last]: datacube
// where it covers a day, local counts otherwise.
func ViewsOver(ctx context.Context, src Sources, first, last string) (Figure, error) {
	v, err := viewValues(ctx, src, first, last, store.ContentFilter{})
	if err != nil {
		return Figure{}, err
	}
	return v.sumFigure(daysBetween(first, last)), nil
}
