// Package hardship is the hardship rule engine: declarative, versioned rule
// sets (YAML, validated on load) evaluated over the combined records of one
// person into flags with evidence and an explanation in Chinese and
// English. It is pure Go over plain values: no database, no GraphQL.
//
// The flow: ParseRuleSet (or Default) once; for each person, Evaluate
// builds the facts the rules read from the person's records (the newest
// record of each department for current facts, all of them for history)
// and applies every rule. A rule is a list of typed conditions over a
// fixed catalogue of named facts (see facts.go), with thresholds that are
// literal or taken from the person's region (longest region-code prefix
// wins). Facts from records older than the staleness policy allows weigh
// less or not at all.
//
// A flag is a lead for a caseworker to check, not a decision. ScoreFlags
// measures flags against the synthetic generator's planted situations.
package hardship
