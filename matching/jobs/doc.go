// Package jobs matches job seekers to job postings and allocates soldiers
// to posts (阳光安置). It is pure Go over plain values: no database, no
// GraphQL.
//
// Matching: NewProfile reads a linked person's records (the newest record
// of each department) into a Profile: target occupations from preferences,
// the military specialty (the embedded crosswalk, data/crosswalk.csv) and
// certificates (data/certificates.csv), education, age, region and the
// heaviest physical demand their age and health allow. Score rates one
// posting for one profile: hard filters first (closed or full postings,
// stated age and education limits, required certificates, physical
// demand, reach), then weighted components, each listed as a Reason.
// JobIndex answers a profile's top postings and ProfileIndex a posting's
// top candidates without scanning everything: both bucket by occupation
// family (大类-中类) and prefecture.
//
// Placement: ParsePlacementRule (or DefaultPlacementRule) reads the
// versioned scoring rule; Plan allocates soldiers in score order to their
// ranked choices, StablePlan runs soldier-proposing deferred acceptance
// when posts rank soldiers too. Both are deterministic and explain every
// allocation.
//
// ScoreLists measures top-10 lists against the synthetic generator's
// planted matches (hit rate and NDCG at 10).
package jobs
