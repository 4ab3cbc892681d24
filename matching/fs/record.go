package fs

import (
	"strings"

	"github.com/vethub/vethub/matching/chinese"
)

// Record is what linkage knows of one source record.
type Record struct {
	ID       int64  // the caller's id, unique within one linkage
	Source   string // the department (or file), for statistics
	Name     string
	IDNumber string // 18 characters (a legacy one already upgraded) or ""
	IDValid  bool   // real birth date and right check character
	IDLegacy bool   // upgraded from a 15-digit number: its check character was computed
	Sex      string // "M", "F" or ""
	Birth    string // YYYY-MM-DD or ""
	Phone    string // digits
	Region   string // 6, 9 or 12 digits
	Address  string
}

// prepared is a Record with what comparing needs computed once.
type prepared struct {
	*Record
	name    chinese.Name
	birth   string // YYYYMMDD or ""
	address string // normalised: no white space
}

func prepare(r *Record) prepared {
	return prepared{
		Record:  r,
		name:    chinese.Prepare(r.Name),
		birth:   strings.ReplaceAll(r.Birth, "-", ""),
		address: strings.Join(strings.Fields(r.Address), ""),
	}
}
