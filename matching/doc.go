// Package matching links records of the same person across departments and
// evaluates them; it is pure Go over plain types, with no database or GraphQL.
package matching
