package disclosure

import "testing"

func TestFeeBands(t *testing.T) {
	// By count: the n-th request of the month and the month's total so far.
	for _, c := range []struct{ n, item, total int }{
		{1, 0, 0},
		{10, 0, 0},
		{11, 100, 100},
		{30, 100, 2000},
		{31, 200, 2200},
		{40, 200, 4000},
		{41, 300, 4300},
		{50, 300, 7000},
		{51, 400, 7400},
	} {
		if got := FeeForItem(c.n); got != c.item {
			t.Errorf("FeeForItem(%d) = %d, want %d", c.n, got, c.item)
		}
		if got := FeeByCount(c.n); got != c.total {
			t.Errorf("FeeByCount(%d) = %d, want %d", c.n, got, c.total)
		}
	}
	// By pages, progressive: 70×10 = 700 for pages 31–100, 100×20 = 2000 for
	// 101–200, then 40 a page.
	for _, c := range []struct{ pages, fee int }{
		{0, 0}, {1, 0}, {30, 0}, {31, 10}, {100, 700}, {101, 720}, {200, 2700}, {201, 2740}, {250, 4700},
	} {
		if got := FeeByPages(c.pages); got != c.fee {
			t.Errorf("FeeByPages(%d) = %d, want %d", c.pages, got, c.fee)
		}
	}
}
