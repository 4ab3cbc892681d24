package linker

import (
	"github.com/vethub/vethub/db"
	"github.com/vethub/vethub/matching/fs"
)

// Record is what the linker compares of a stored record. Only 18-character
// ID numbers are compared: a 15-digit one was upgraded on the way in.
func Record(r db.LinkRow) fs.Record {
	rec := fs.Record{ID: r.RecordID, Source: r.Department, Name: r.Name, IDValid: r.IDValid,
		IDLegacy: r.IDLegacy, Sex: r.Sex, Birth: r.Birth, Phone: r.Phone, Region: r.Region, Address: r.Address}
	if len(r.IDNumber) == 18 {
		rec.IDNumber = r.IDNumber
	}
	return rec
}
