// Package stats turns the hub's people, cases and job postings into the
// aggregate figures dashboards and yearly reports show. It is pure Go over
// plain types:
//
//   - Facts are what one person or one posting contributes (facts.go),
//     distilled from their records and cases;
//   - Items are the counter increments of those facts, by region, month,
//     metric and dimension (items.go); the difference between a person's
//     old and new items is what the counters move by (Delta);
//   - Figures are read back from summed counters, with small counts
//     suppressed (figures.go, count.go).
//
// Keeping the counters current is the job of package statsfold; the SQL
// is in package db.
package stats
