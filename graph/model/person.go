package model

import "time"

// Person is the GraphQL Person without its resolver-backed fields (region,
// veteran, civil, health, records, mergedInto): those are loaded from the
// ids kept here.
type Person struct {
	ID          string
	Name        string
	Sex         *Sex
	BirthDate   *Date
	IDNumber    *string
	RegionCode  string
	Departments []Department
	CreatedAt   time.Time
	UpdatedAt   time.Time

	// PersonID is ID as a number, for the loaders.
	PersonID int64
	// MergedIntoID is the person this one was merged into, 0 if none.
	MergedIntoID int64
}
