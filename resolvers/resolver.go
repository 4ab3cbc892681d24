// Package resolvers holds the thin GraphQL resolvers: each checks its
// arguments, calls db, ingest or a dataloader, converts and returns.
package resolvers

import (
	"cmp"
	"log/slog"

	"github.com/vethub/vethub/db"
	"github.com/vethub/vethub/ingest"
	"github.com/vethub/vethub/jobmatching"
	"github.com/vethub/vethub/stats"
)

// Deps are the services resolvers call.
type Deps struct {
	Store  *db.Store
	Ingest *ingest.Service
	Logger *slog.Logger
	// JobMatching ranks postings and job seekers; nil builds one over
	// Store that matches as of the current date.
	JobMatching *jobmatching.Service
	// StatsMinCount is the smallest count stats show; smaller ones
	// (from 1) are suppressed. 0 means DefaultStatsMinCount.
	StatsMinCount int
}

// DefaultStatsMinCount suppresses counts of 1 to 4 in stats.
const DefaultStatsMinCount = 5

// Resolver is the root resolver; New is the only place it is wired.
type Resolver struct {
	store  *db.Store
	audit  *db.AuditWriter // revealed reads, group-committed
	ingest *ingest.Service
	log    *slog.Logger
	// caseFeed is the process's one LISTEN connection for new cases,
	// shared by every caseFlagged subscription.
	caseFeed *db.CaseFeed
	matching *jobmatching.Service
	suppress stats.Suppressor // small counts in stats
}

// New builds the root resolver from its dependencies.
func New(d Deps) *Resolver {
	log := d.Logger
	if log == nil {
		log = slog.Default()
	}
	r := &Resolver{store: d.Store, ingest: d.Ingest, log: log, matching: d.JobMatching,
		suppress: stats.Suppressor{Min: int64(cmp.Or(d.StatsMinCount, DefaultStatsMinCount))}}
	if r.matching == nil && d.Store != nil {
		r.matching = jobmatching.New(d.Store, log, jobmatching.Options{})
	}
	if d.Store != nil {
		r.audit = d.Store.NewAuditWriter()
		r.caseFeed = d.Store.NewCaseFeed(log)
	}
	return r
}
