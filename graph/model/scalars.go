package model

import (
	"fmt"
	"io"
	"math"
	"strconv"
	"time"
)

// Date is a calendar date without time zone, serialised as YYYY-MM-DD.
type Date struct{ time.Time }

// MarshalGQL writes the date as a quoted YYYY-MM-DD string.
func (d Date) MarshalGQL(w io.Writer) {
	io.WriteString(w, strconv.Quote(d.Format(time.DateOnly)))
}

// UnmarshalGQL parses YYYY-MM-DD; anything else is an error naming the value.
func (d *Date) UnmarshalGQL(v any) error {
	s, ok := v.(string)
	if !ok {
		return fmt.Errorf("date must be a YYYY-MM-DD string, got %T", v)
	}
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return fmt.Errorf("date %q is not a real YYYY-MM-DD date", s)
	}
	d.Time = t
	return nil
}

// Money is an amount in yuan, serialised as a JSON number with at most two
// decimals.
type Money float64

// MarshalGQL writes the amount rounded to fen.
func (m Money) MarshalGQL(w io.Writer) {
	io.WriteString(w, strconv.FormatFloat(math.Round(float64(m)*100)/100, 'f', -1, 64))
}

// UnmarshalGQL accepts a JSON number that is finite and not negative.
func (m *Money) UnmarshalGQL(v any) error {
	var f float64
	switch n := v.(type) {
	case float64:
		f = n
	case int64:
		f = float64(n)
	case int:
		f = float64(n)
	case interface{ Float64() (float64, error) }:
		var err error
		if f, err = n.Float64(); err != nil {
			return fmt.Errorf("money %v is not a number", v)
		}
	default:
		return fmt.Errorf("money must be a number, got %T", v)
	}
	if math.IsNaN(f) || math.IsInf(f, 0) || f < 0 {
		return fmt.Errorf("money %v must be a finite amount of at least 0", v)
	}
	*m = Money(f)
	return nil
}
