package synth

// role is what a person is to the veterans bureau.
type role uint8

const (
	roleVeteran    role = iota // served; has a veteran record
	roleSurvivor               // martyr, duty-death or illness-death survivor; has a veteran record
	roleDutyFamily             // family of someone on active duty; has a veteran record
	roleFamily                 // household member known only to civil affairs or health
)

var roleNames = []string{"VETERAN", "SURVIVOR", "ACTIVE_DUTY_FAMILY", "FAMILY"}

// Departments holding a record of a person (bit mask).
const (
	recVeteran uint8 = 1 << iota
	recCivil
	recHealth
)

// person is one true human with everything the departments could know.
type person struct {
	index     int // global, 0-based; personKey is derived from it
	role      role
	male      bool
	surname   uint8 // index into surnames
	birth     day
	name      string
	idAddr    string // 6-digit address code of the ID number
	seq       uint16 // 3-digit sequence of the ID number
	id        [18]byte
	home      home
	phone     uint64
	head      int // index of the household head (itself for a head)
	records   uint8
	planted   uint16 // situations the generator steered towards
	found     uint16 // situations the data shows (truth/hardship.ndjson)
	vet       vetFacts
	civ       civilFacts
	hea       healthFacts
	seeker    bool  // unemployed veteran of working age looking for work
	hasMember bool  // a head whose household has a second generated person
	relation  uint8 // a member's relation to the head; on a head, its member's
}

// Relations within a household.
const (
	relNone uint8 = iota
	relSpouse
	relChild
	relParent
)

func (p *person) county() *county { return p.home.town.county }

// vetFacts are the veteran registry's facts.
type vetFacts struct {
	served          bool
	branch          string
	enlist          day
	discharge       day
	mode            uint8
	rank            string // "" when unknown (1965–1988 had no ranks)
	specialty       int8   // index into specialties; -1 none
	merits          uint32 // bit mask over meritNames
	disGrade        uint8  // 1–10, 0 none
	disCause        uint8
	entitled        uint32 // bit mask over entitledNames
	card            uint8
	placement       uint8
	employment      uint8
	employmentSince day
	skills          uint32 // bit mask over skillTable
	education       uint8
	prefOcc         uint32 // bit mask over occupations
	prefRegions     [3]string
	nPrefRegions    uint8
	benefit         float64
}

// tempAid is one payment of temporary assistance.
type tempAid struct {
	date   day
	amount float64
	reason uint8
}

// civilFacts are civil affairs' facts; the household ones are shared by
// every generated member of the household.
type civilFacts struct {
	householdSize uint8
	income        float64 // per capita, monthly
	dibao         uint8
	dibaoAmount   float64
	extreme       bool
	near          bool
	subsidy       bool
	alone         bool
	marital       uint8
	aid           [6]tempAid
	nAid          uint8
}

// healthFacts are the health department's facts for costYear.
type healthFacts struct {
	chronic      uint32 // bit mask over chronicTable
	serious      uint32 // bit mask over seriousTable
	functional   uint8
	dementia     bool
	costYear     int
	total        float64
	insured      float64
	oop          float64
	stays        uint8
	familyDoctor bool
}
