package model

import "github.com/vethub/vethub/stats"

// Stats is a region's figures for a period. First, Last and Rows are what
// the byRegion and byMonth breakdowns are computed from.
type Stats struct {
	Region   Region
	From, To Date
	MinCount int
	Pending  int
	Figures  stats.Figures

	First, Last stats.Month
	Rows        []stats.Row // the region's counters up to Last
}
