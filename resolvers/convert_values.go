package resolvers

import (
	"strconv"
	"time"

	"github.com/vethub/vethub/feed"
	"github.com/vethub/vethub/graph/model"
)

// The helpers here turn stored values into GraphQL model values. Stored
// values were validated on ingest; anything that still does not fit (an
// enum value from a newer feed version, say) reads as unknown rather than
// failing the whole response.

// enum is a generated GraphQL enum type.
type enum interface {
	~string
	IsValid() bool
}

// enumOf returns s as an enum value, nil when empty or not a known value.
func enumOf[E enum](s string) *E {
	e := E(s)
	if s == "" || !e.IsValid() {
		return nil
	}
	return &e
}

// enumPtr is enumOf for a nullable column.
func enumPtr[E enum](s *string) *E {
	if s == nil {
		return nil
	}
	return enumOf[E](*s)
}

// enumList keeps the known values of ss, never returning nil (the GraphQL
// lists are non-null; unknown reads as none).
func enumList[E enum](ss []string) []E {
	out := make([]E, 0, len(ss))
	for _, s := range ss {
		if e := E(s); e.IsValid() {
			out = append(out, e)
		}
	}
	return out
}

// stringList returns ss, or an empty list for nil.
func stringList(ss []string) []string {
	if ss == nil {
		return []string{}
	}
	return ss
}

// strOf returns nil for "" (unknown) and &s otherwise.
func strOf(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// intOf returns nil for 0, which the feed uses for unknown counts.
func intOf(n int) *int {
	if n == 0 {
		return nil
	}
	return &n
}

func moneyOf(f *float64) *model.Money {
	if f == nil {
		return nil
	}
	m := model.Money(*f)
	return &m
}

// dateOf returns nil for the zero feed.Date (unknown).
func dateOf(d feed.Date) *model.Date {
	if d.IsZero() {
		return nil
	}
	return &model.Date{Time: d.Time}
}

func datePtr(t *time.Time) *model.Date {
	if t == nil {
		return nil
	}
	return &model.Date{Time: *t}
}

// idString renders a database id as a GraphQL ID.
func idString(id int64) string { return strconv.FormatInt(id, 10) }

// idPtr renders a nullable database id.
func idPtr(id *int64) *string {
	if id == nil {
		return nil
	}
	s := idString(*id)
	return &s
}

// idParse reads a GraphQL ID made by idString; ok is false for anything
// else, which can name no row.
func idParse(s string) (int64, bool) {
	id, err := strconv.ParseInt(s, 10, 64)
	return id, err == nil && id > 0
}
