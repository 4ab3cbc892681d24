package model

// Region is the GraphQL Region without parent and parents, which are
// loaded from ParentCode.
type Region struct {
	Code  string
	Name  string
	Level RegionLevel

	// ParentCode is the parent region's code, "" for a province.
	ParentCode string
}
