package hardship

import (
	"fmt"

	jsonv2 "github.com/go-json-experiment/json"

	"github.com/vethub/vethub/feed"
)

// Person is one linked person: every record the departments hold about
// them, in any order, possibly several of one department.
type Person struct {
	ID      int64
	Records []feed.Record
}

// source is the record a fact was read from.
type source struct {
	dept feed.Department
	id   string
	asOf feed.Date
}

// payment is one temporary assistance payment, from any civil record.
type payment struct {
	date   feed.Date
	amount float64 // -1 when unknown
}

// veteran is the part of feed.Veteran the facts read: decoding only these
// keys skips the allocations of skills, merits and preferences, which the
// rules never look at.
type veteran struct {
	DischargeDate    feed.Date `json:"dischargeDate"`
	DischargeMode    string    `json:"dischargeMode"`
	DisabilityGrade  int       `json:"disabilityGrade"`
	DisabilityCause  string    `json:"disabilityCause"`
	EntitledGroups   []string  `json:"entitledGroups"`
	EmploymentStatus string    `json:"employmentStatus"`
	EmploymentSince  feed.Date `json:"employmentSince"`
	MonthlyBenefit   *float64  `json:"monthlyBenefit"`
}

// facts is what the rules read about one person. Current facts come from
// the newest record of each department; payments are the union of all
// civil records, since an older record may list what a newer one dropped.
type facts struct {
	today    feed.Date
	region   string // region code the thresholds are looked up by
	vet      veteran
	civ      feed.Civil
	hea      feed.Health
	vetSrc   source
	civSrc   source
	heaSrc   source
	birth    feed.Date
	birthSrc source
	// birthFromID: the birth date was read from a valid ID number.
	birthFromID bool
	payments    []payment
}

// buildFacts decodes the newest record of each department. It fails when a
// record's attributes do not decode, which the hub's validation rules out.
func buildFacts(p Person, today feed.Date) (facts, error) {
	f := facts{today: today}
	n, err := feed.NewestRecords(p.Records)
	if err != nil {
		return f, fmt.Errorf("hardship: person %d: %w", p.ID, err)
	}
	newest := n.All()
	if err := f.decodeNewest(newest); err != nil {
		return f, fmt.Errorf("hardship: person %d: %w", p.ID, err)
	}
	if err := f.collectPayments(p.Records, newest[1]); err != nil {
		return f, fmt.Errorf("hardship: person %d: %w", p.ID, err)
	}
	f.region = regionOf(newest)
	f.birth, f.birthSrc, f.birthFromID = birthOf(p.Records, newest)
	return f, nil
}

func sourceOf(r *feed.Record) source {
	return source{dept: r.Department, id: r.SourceID, asOf: r.AsOf}
}

func (f *facts) decodeNewest(newest [3]*feed.Record) error {
	if r := newest[0]; r != nil {
		f.vetSrc = sourceOf(r)
		if err := decodeAttrs(r, &f.vet); err != nil {
			return err
		}
	}
	if r := newest[1]; r != nil {
		f.civSrc = sourceOf(r)
		if err := decodeAttrs(r, &f.civ); err != nil {
			return err
		}
	}
	if r := newest[2]; r != nil {
		f.heaSrc = sourceOf(r)
		if err := decodeAttrs(r, &f.hea); err != nil {
			return err
		}
	}
	return nil
}

// decodeAttrs is feed.Record's Veteran, Civil or Health with the faster
// JSON v2 decoder: decoding is most of the time an evaluation takes. Attrs
// is canonical JSON with the feed's exact key names, so the v2 defaults
// (case-sensitive keys, unknown keys skipped) read it as encoding/json does.
func decodeAttrs(r *feed.Record, into any) error {
	if len(r.Attrs) == 0 {
		return nil
	}
	if err := jsonv2.Unmarshal(r.Attrs, into); err != nil {
		return fmt.Errorf("record %s %q: attributes: %w", r.Department, r.SourceID, err)
	}
	return nil
}

// regionOf prefers civil affairs' region code (it administers 低保 where
// the household is registered), then the veteran registry's, then health's.
func regionOf(newest [3]*feed.Record) string {
	for _, k := range [...]int{1, 0, 2} {
		if r := newest[k]; r != nil && r.RegionCode != "" {
			return r.RegionCode
		}
	}
	return ""
}
