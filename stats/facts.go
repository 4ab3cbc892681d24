package stats

// Facts are what one entity (a person or a job posting) adds to the
// counters. They are stored beside the counters (compact JSON), because a
// change is applied as "remove the old facts' items, add the new ones":
// the records the old facts came from are gone by then.
type Facts struct {
	Person  *PersonFacts  `json:"p,omitempty"`
	Posting *PostingFacts `json:"j,omitempty"`
}

// Empty reports whether the facts add nothing (a merged-away person, a
// person without records).
func (f Facts) Empty() bool { return f.Person == nil && f.Posting == nil }

// PersonFacts is a person as the figures see them: counted in their
// region from the month they were first on record, with the newest record
// of each department.
type PersonFacts struct {
	Region  string             `json:"r"`
	Since   Month              `json:"s"` // earliest asOf of any record
	Records map[string][]Month `json:"n"` // department → asOf month of each record
	Veteran *VeteranFacts      `json:"v,omitempty"`
	Civil   *CivilFacts        `json:"c,omitempty"`
	Health  *HealthFacts       `json:"h,omitempty"`
	Cases   []CaseFacts        `json:"k,omitempty"`
}

// VeteranFacts come from the person's newest veteran record; Since is
// their earliest veteran record's month.
type VeteranFacts struct {
	Since         Month    `json:"s"`
	DischargeMode string   `json:"dm,omitempty"`
	Groups        []string `json:"g,omitempty"`
	Employment    string   `json:"e,omitempty"`
	Card          string   `json:"pc,omitempty"`
	Placement     string   `json:"pl,omitempty"`
	Disability    int      `json:"d,omitempty"`  // grade 1–10, 0 none
	Certificates  int      `json:"ce,omitempty"` // skills and certificates held
	BenefitFen    int64    `json:"b,omitempty"`  // monthly benefit, in fen
}

// CivilFacts come from the person's newest civil affairs record.
type CivilFacts struct {
	Since          Month     `json:"s"`
	Dibao          string    `json:"db,omitempty"`
	DibaoFen       int64     `json:"da,omitempty"` // monthly 低保 amount while receiving
	ExtremePoverty bool      `json:"xp,omitempty"`
	NearDibao      bool      `json:"nd,omitempty"`
	LivingAlone    bool      `json:"la,omitempty"`
	Subsidy        bool      `json:"ds,omitempty"` // disability subsidy
	Payments       []Payment `json:"ta,omitempty"` // temporary assistance received
}

// Payment is money paid in a month.
type Payment struct {
	Month Month `json:"m"`
	Fen   int64 `json:"f"`
}

// HealthFacts come from the person's newest health record.
type HealthFacts struct {
	Since        Month  `json:"s"`
	Serious      bool   `json:"si,omitempty"` // at least one serious illness (大病)
	Disability   string `json:"fd,omitempty"` // functional disability, NONE … SEVERE
	Dementia     bool   `json:"dm,omitempty"`
	FamilyDoctor bool   `json:"fdc,omitempty"`
}

// CaseFacts is one of the person's cases, counted in the case's region.
type CaseFacts struct {
	Region   string        `json:"r"`
	Category string        `json:"c"`
	Priority string        `json:"p"`
	Opened   Month         `json:"o"`
	Status   string        `json:"s"`
	Ended    Month         `json:"e,omitempty"` // month closed or dismissed
	Days     int           `json:"d,omitempty"` // opened to closed, in whole days
	Actions  []ActionFacts `json:"a,omitempty"`
}

// ActionFacts is an assistance action of a case; Done is zero while it is
// only planned.
type ActionFacts struct {
	Kind    string `json:"k"`
	Created Month  `json:"c"`
	Done    Month  `json:"d,omitempty"`
	Fen     int64  `json:"f,omitempty"`
}

// PostingFacts is a job posting, counted in its region in the month of
// its asOf date.
type PostingFacts struct {
	Region           string `json:"r"`
	Month            Month  `json:"m"`
	Openings         int    `json:"o,omitempty"`
	VeteranPreferred bool   `json:"vp,omitempty"`
}
