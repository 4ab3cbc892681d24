package privacy

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/vethub/vethub/auth"
)

// MaxPurposeLen bounds a purpose, which is stored with every audit entry.
const MaxPurposeLen = 200

// Access is one operation's view of personal information: whether it may be
// revealed, and which fields of which persons were.
type Access struct {
	Principal auth.Principal
	Purpose   string
	RequestID string // the X-Request-Id, for the audit log
	reveal    bool

	mu       sync.Mutex
	revealed map[int64][]string // person id (0: unknown) → fields, first read first
	order    []int64
}

// NewAccess returns the access of request's operation by p with purpose
// ("" when none was given). Personal information is revealed only with a
// purpose, and never to a dashboard, which reads aggregates only.
func NewAccess(p auth.Principal, purpose, requestID string) (*Access, error) {
	purpose = strings.TrimSpace(purpose)
	if utf8.RuneCountInString(purpose) > MaxPurposeLen {
		return nil, fmt.Errorf("purpose: at most %d characters", MaxPurposeLen)
	}
	a := &Access{Principal: p, Purpose: purpose, RequestID: requestID, revealed: map[int64][]string{}}
	a.reveal = purpose != "" && p.Role != auth.RoleDashboard
	return a, nil
}

// Reveal reports whether personal information is shown unmasked.
func (a *Access) Reveal() bool { return a != nil && a.reveal }

// Note records that field (e.g. "Person.idNumber") of person was revealed.
func (a *Access) Note(person int64, field string) {
	a.mu.Lock()
	defer a.mu.Unlock()
	fields, seen := a.revealed[person]
	if !seen {
		a.order = append(a.order, person)
	}
	for _, f := range fields {
		if f == field {
			return
		}
	}
	a.revealed[person] = append(fields, field)
}

// Revelation is what one person had revealed in an operation.
type Revelation struct {
	PersonID int64 // 0 when the field's person was not known
	Fields   []string
}

// Revealed returns what was revealed, one entry per person, in the order
// they were first read.
func (a *Access) Revealed() []Revelation {
	a.mu.Lock()
	defer a.mu.Unlock()
	out := make([]Revelation, len(a.order))
	for i, p := range a.order {
		out[i] = Revelation{PersonID: p, Fields: append([]string(nil), a.revealed[p]...)}
	}
	return out
}

type accessKey struct{}

// With returns ctx carrying a.
func With(ctx context.Context, a *Access) context.Context {
	return context.WithValue(ctx, accessKey{}, a)
}

// From returns the operation's access, nil outside an operation (then
// everything is masked).
func From(ctx context.Context) *Access {
	a, _ := ctx.Value(accessKey{}).(*Access)
	return a
}
