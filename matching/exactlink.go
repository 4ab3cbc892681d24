package matching

import "sort"

// Link methods recorded on each record's link.
const (
	LinkExactID   = "EXACT_ID"      // shares a valid 18-digit ID number with the person
	LinkSingleton = "SINGLETON"     // no valid ID number: a person of its own
	LinkProbable  = "PROBABILISTIC" // joined by the probabilistic linker's evidence
	LinkManual    = "MANUAL"        // placed by a person's decision (a review, a split or a merge)
)

// LinkRecord is what exact-ID linkage needs to know about one record.
type LinkRecord struct {
	ID          int64
	IDNumber    string // normalised; meaningful only when IDValid
	IDValid     bool
	PersonID    int64 // current person, 0 when not linked yet
	PersonKeyed bool  // the current person is keyed on an ID number
	// Probable is set when the current link came from the probabilistic
	// linker (vethub link --all): the evidence beyond the ID number that
	// placed it still holds, so without a valid ID the record stays.
	Probable bool
	// Manual is set when a person placed the record (splitPerson,
	// mergePersons, a review): only another decision moves it.
	Manual bool
}

// LinkPlan says how to change links. Person ids below 0 refer to
// NewPersons: -1 is NewPersons[0], -2 is NewPersons[1], and so on.
type LinkPlan struct {
	NewPersons  []NewPerson
	Promotions  []Promotion  // unkeyed persons that become keyed
	Assignments []Assignment // every input record, in input order
}

// NewPerson is a person to create; Key is "" for a singleton.
type NewPerson struct{ Key string }

// Promotion keys an existing singleton person on an ID number, so a record
// whose ID number became valid keeps its person id.
type Promotion struct {
	PersonID int64
	Key      string
}

// Assignment links a record to a person with a method.
type Assignment struct {
	RecordID int64
	PersonID int64 // < 0: a new person, see LinkPlan
	Method   string
}

// PlanExactLinks decides the person of each record under exact-ID linkage:
// records with the same valid ID number share one person; any other record
// has a person of its own. keyed maps ID numbers to their existing persons.
// The plan is deterministic for the same input, whatever its order.
func PlanExactLinks(records []LinkRecord, keyed map[string]int64) LinkPlan {
	var plan LinkPlan
	owner := make(map[string]int64, len(keyed))
	for k, p := range keyed {
		owner[k] = p
	}
	promoted := planKeyOwners(records, owner, &plan)
	for _, r := range records {
		plan.Assignments = append(plan.Assignments, assign(r, owner, promoted, &plan))
	}
	return plan
}

// planKeyOwners gives every valid ID number without a person one: the
// singleton person of its lowest record id if there is one, else a new person.
func planKeyOwners(records []LinkRecord, owner map[string]int64, plan *LinkPlan) (promoted map[int64]bool) {
	byID := append([]LinkRecord(nil), records...)
	sort.Slice(byID, func(i, j int) bool { return byID[i].ID < byID[j].ID })
	promoted = map[int64]bool{}
	for _, r := range byID {
		if !r.IDValid || owner[r.IDNumber] != 0 || r.Manual && r.PersonID > 0 {
			continue
		}
		if r.PersonID > 0 && !r.PersonKeyed && !promoted[r.PersonID] {
			promoted[r.PersonID] = true
			plan.Promotions = append(plan.Promotions, Promotion{PersonID: r.PersonID, Key: r.IDNumber})
			owner[r.IDNumber] = r.PersonID
			continue
		}
		plan.NewPersons = append(plan.NewPersons, NewPerson{Key: r.IDNumber})
		owner[r.IDNumber] = -int64(len(plan.NewPersons))
	}
	return promoted
}

func assign(r LinkRecord, owner map[string]int64, promoted map[int64]bool, plan *LinkPlan) Assignment {
	if r.PersonID > 0 && r.Manual {
		return Assignment{RecordID: r.ID, PersonID: r.PersonID, Method: LinkManual}
	}
	if r.IDValid {
		return Assignment{RecordID: r.ID, PersonID: owner[r.IDNumber], Method: LinkExactID}
	}
	if r.PersonID > 0 && r.Probable {
		return Assignment{RecordID: r.ID, PersonID: r.PersonID, Method: LinkProbable}
	}
	// A singleton keeps its person unless that person is keyed (shared with
	// records holding a valid ID) or was just promoted to a key.
	if r.PersonID > 0 && !r.PersonKeyed && !promoted[r.PersonID] {
		return Assignment{RecordID: r.ID, PersonID: r.PersonID, Method: LinkSingleton}
	}
	plan.NewPersons = append(plan.NewPersons, NewPerson{})
	return Assignment{RecordID: r.ID, PersonID: -int64(len(plan.NewPersons)), Method: LinkSingleton}
}
