package hardship

import (
	"cmp"
	"slices"

	"github.com/vethub/vethub/feed"
)

// collectPayments gathers the distinct payments (by date and amount) of
// every civil record; only records other than the newest need decoding.
func (f *facts) collectPayments(recs []feed.Record, newestCivil *feed.Record) error {
	f.addPayments(f.civ.TemporaryAssistance)
	for i := range recs {
		r := &recs[i]
		if r.Department != feed.DepartmentCivil || r == newestCivil {
			continue
		}
		var c feed.Civil
		if err := decodeAttrs(r, &c); err != nil {
			return err
		}
		f.addPayments(c.TemporaryAssistance)
	}
	slices.SortFunc(f.payments, func(a, b payment) int {
		return cmp.Or(a.date.Compare(b.date.Time), cmp.Compare(a.amount, b.amount))
	})
	return nil
}

func (f *facts) addPayments(as []feed.TemporaryAssistance) {
	for _, a := range as {
		if a.Date.IsZero() {
			continue // an undated payment cannot be placed in a window
		}
		p := payment{date: a.Date, amount: -1}
		if a.Amount != nil {
			p.amount = *a.Amount
		}
		if !slices.Contains(f.payments, p) {
			f.payments = append(f.payments, p)
		}
	}
}
