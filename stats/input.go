package stats

import (
	"fmt"
	"math"
	"time"

	"github.com/vethub/vethub/feed"
)

// PersonInput is what the hub holds about a person: their region, their
// records and their cases with the cases' actions.
type PersonInput struct {
	Region  string
	Merged  bool // merged into another person: counted there
	Records []feed.Record
	Cases   []CaseInput
}

// CaseInput is a case as stored.
type CaseInput struct {
	Region, Category, Priority, Status string
	OpenedAt, ClosedAt                 time.Time // ClosedAt is zero while the case is active
	Actions                            []ActionInput
}

// ActionInput is a case action as stored; DoneOn is zero while planned.
type ActionInput struct {
	Kind      string
	CreatedAt time.Time
	DoneOn    time.Time
	Amount    *float64
}

// PersonFactsOf distils a person's facts; a merged person or one without
// records has none (their cases moved with the merge).
func PersonFactsOf(in PersonInput) (Facts, error) {
	if in.Merged || len(in.Records) == 0 {
		return Facts{}, nil
	}
	newest, err := feed.NewestRecords(in.Records)
	if err != nil {
		return Facts{}, fmt.Errorf("stats: %w", err)
	}
	p := &PersonFacts{Region: in.Region, Records: map[string][]Month{}}
	since := map[feed.Department]Month{}
	for _, r := range in.Records {
		m := MonthOf(r.AsOf.Time)
		p.Records[string(r.Department)] = append(p.Records[string(r.Department)], m)
		if s, ok := since[r.Department]; !ok || m < s {
			since[r.Department] = m
		}
		if p.Since == 0 || m < p.Since {
			p.Since = m
		}
	}
	if err := p.addDepartments(newest, since); err != nil {
		return Facts{}, err
	}
	for _, c := range in.Cases {
		p.Cases = append(p.Cases, caseFacts(c))
	}
	return Facts{Person: p}, nil
}

func (p *PersonFacts) addDepartments(n feed.Newest, since map[feed.Department]Month) error {
	if n.Veteran != nil {
		v, err := n.Veteran.Veteran()
		if err != nil {
			return fmt.Errorf("stats: %w", err)
		}
		p.Veteran = veteranFacts(v, since[feed.DepartmentVeteran])
	}
	if n.Civil != nil {
		c, err := n.Civil.Civil()
		if err != nil {
			return fmt.Errorf("stats: %w", err)
		}
		p.Civil = civilFacts(c, since[feed.DepartmentCivil])
	}
	if n.Health != nil {
		h, err := n.Health.Health()
		if err != nil {
			return fmt.Errorf("stats: %w", err)
		}
		p.Health = healthFacts(h, since[feed.DepartmentHealth])
	}
	return nil
}

func veteranFacts(v feed.Veteran, since Month) *VeteranFacts {
	return &VeteranFacts{Since: since, DischargeMode: v.DischargeMode, Groups: v.EntitledGroups,
		Employment: v.EmploymentStatus, Card: v.PreferentialCard, Placement: v.PlacementStatus,
		Disability: v.DisabilityGrade, Certificates: len(v.Skills), BenefitFen: fen(v.MonthlyBenefit)}
}

func civilFacts(c feed.Civil, since Month) *CivilFacts {
	f := &CivilFacts{Since: since, Dibao: c.DibaoStatus, ExtremePoverty: is(c.ExtremePoverty),
		NearDibao: is(c.NearDibao), LivingAlone: is(c.LivingAlone), Subsidy: is(c.DisabilitySubsidy)}
	if c.DibaoStatus == "RECEIVING" {
		f.DibaoFen = fen(c.DibaoMonthlyAmount)
	}
	for _, t := range c.TemporaryAssistance {
		if m := MonthOf(t.Date.Time); m != 0 {
			f.Payments = append(f.Payments, Payment{Month: m, Fen: fen(t.Amount)})
		}
	}
	return f
}

func healthFacts(h feed.Health, since Month) *HealthFacts {
	return &HealthFacts{Since: since, Serious: len(h.SeriousIllnesses) > 0, Disability: h.FunctionalDisability,
		Dementia: is(h.Dementia), FamilyDoctor: is(h.FamilyDoctorContract)}
}

func caseFacts(c CaseInput) CaseFacts {
	f := CaseFacts{Region: c.Region, Category: c.Category, Priority: c.Priority, Status: c.Status,
		Opened: MonthOf(c.OpenedAt)}
	if !c.ClosedAt.IsZero() {
		f.Ended = MonthOf(c.ClosedAt)
		f.Days = max(0, int(c.ClosedAt.Sub(c.OpenedAt)/(24*time.Hour)))
	}
	for _, a := range c.Actions {
		f.Actions = append(f.Actions, ActionFacts{Kind: a.Kind, Created: MonthOf(a.CreatedAt),
			Done: MonthOf(a.DoneOn), Fen: fen(a.Amount)})
	}
	return f
}

// PostingFactsOf is a job posting's facts; a posting without a region or
// date adds nothing.
func PostingFactsOf(region string, asOf time.Time, openings int, veteranPreferred bool) Facts {
	if region == "" || asOf.IsZero() {
		return Facts{}
	}
	return Facts{Posting: &PostingFacts{Region: region, Month: MonthOf(asOf), Openings: openings,
		VeteranPreferred: veteranPreferred}}
}

// fen is an amount in yuan as whole fen; nil is zero.
func fen(yuan *float64) int64 {
	if yuan == nil {
		return 0
	}
	return int64(math.Round(*yuan * 100))
}

func is(b *bool) bool { return b != nil && *b }
