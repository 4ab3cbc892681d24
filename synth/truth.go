package synth

// appendTruthRecord writes a truth/records.ndjson line: which person a
// record belongs to and the identity errors it carries.
func appendTruthRecord(b []byte, p *person, d int, dup bool, tags uint16) []byte {
	o := obj{b: b}
	o.begin()
	o.str("department", deptNames[d])
	o.key("sourceId")
	o.b = append(o.b, '"')
	o.b = appendSourceID(o.b, d, p.county().code, p.index, dup)
	o.b = append(o.b, '"')
	o.personKey(p.index)
	if tags != 0 {
		o.maskList("noise", uint32(tags), noiseNames[:])
	}
	o.end()
	return o.b
}

// appendTruthPerson writes a truth/persons.ndjson line: the true identity,
// as no department may hold it.
func (w *world) appendTruthPerson(b []byte, p *person) []byte {
	o := obj{b: b}
	o.begin()
	o.personKey(p.index)
	o.str("role", roleNames[p.role])
	o.key("householdId")
	o.b = append(appendHouseholdID(append(o.b, '"'), p.county().code, p.head), '"')
	o.str("name", p.name)
	o.key("idNumber")
	o.b = append(append(append(o.b, '"'), p.id[:]...), '"')
	if p.male {
		o.str("sex", "M")
	} else {
		o.str("sex", "F")
	}
	o.date("birthDate", p.birth)
	o.key("phone")
	o.b = append(appendPadded(append(o.b, '"'), p.phone, 11), '"')
	o.key("address")
	o.b = append(appendAddress(append(o.b, '"'), p.home, styleFull), '"')
	o.key("regionCode")
	o.b = append(appendRegion(append(o.b, '"'), p.home, grainVillage), '"')
	o.maskList("records", uint32(p.records), deptNames[:])
	o.end()
	return o.b
}
