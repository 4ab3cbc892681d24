// Package synth generates synthetic department feeds with ground truth, so
// that linkage, hardship rules and job matching can be measured.
//
// Generate writes, for a population of invented persons living in the four
// seed counties of refdata, the three person feeds (veteran.ndjson,
// civil.ndjson, health.ndjson) and the jobs feed (jobs.ndjson) in exactly the
// feed format of DESIGN.md, plus a truth/ folder that `vethub import` never
// reads: which person each record belongs to (truth/records.ndjson), the true
// identities (truth/persons.ndjson), the hardship situations planted
// (truth/hardship.ndjson), good job matches (truth/jobs.ndjson) and the
// parameters used (truth/params.json).
//
// Records carry the identity errors real departments have (missing,
// mistyped and 15-digit ID numbers, homophone and traditional characters,
// swapped birth-date digits, changed phones and addresses, duplicates), at a
// rate set by Config.Noise; every record's truth entry lists the errors it
// carries.
//
// Output is a pure function of the Config: persons are generated in shards
// of fixed size, each with its own seeded PCG generator, and written in
// shard order, so the number of workers never changes a byte. Nothing reads
// the wall clock: dates are relative to Config.Today.
package synth
