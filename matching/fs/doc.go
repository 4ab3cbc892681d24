// Package fs is the probabilistic record linker: Fellegi–Sunter match
// weights over comparison levels per field, m and u probabilities learned
// without labels (u from random pairs, m by EM over blocked pairs), term
// frequency adjustment for names, blocking rules that keep comparisons
// about linear, and clustering that resists chaining. It is plain Go over
// plain records: no database, no GraphQL.
//
// The flow: Prepare each Record once (normalised name, pinyin, digits),
// Block to candidate pairs, Compare each pair into a Vector of levels,
// Train a Model, Score vectors to weights, Cluster the matches.
package fs
