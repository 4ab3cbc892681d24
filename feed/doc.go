// Package feed is the NDJSON feed format of vethub: the raw input types a
// department sends (also bound directly by the GraphQL batch mutations), their
// validation and normalisation into stored records, the reverse encoding for
// export, and a line reader for large NDJSON files.
//
// Validation never stops at the first problem: a Result lists every field
// error (the record is rejected when there is any) and every warning (the
// record is kept). Paths name feed keys, e.g. "temporaryAssistance[2].amount".
package feed
