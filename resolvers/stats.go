package resolvers

import (
	"context"

	"github.com/vethub/vethub/auth"
	"github.com/vethub/vethub/feed"
	"github.com/vethub/vethub/graph/model"
	"github.com/vethub/vethub/stats"
)

// maxStatsMonths bounds a stats period (and so its byMonth list).
const maxStatsMonths = 120

// statsPendingCap bounds the count of changes not yet folded.
const statsPendingCap = 10000

// statsPeriod turns from and to into whole months.
func statsPeriod(from, to model.Date) (first, last stats.Month, err error) {
	first, last = stats.MonthOf(from.Time), stats.MonthOf(to.Time)
	switch {
	case to.Before(from.Time):
		return 0, 0, badInput("to", "%s is before from (%s)", to.Format("2006-01-02"), from.Format("2006-01-02"))
	case len(stats.Months(first, last)) > maxStatsMonths:
		return 0, 0, badInput("to", "the period spans more than %d months", maxStatsMonths)
	}
	return first, last, nil
}

// statsRegion checks the region code and that the caller may see it:
// analysts only their own regions, and within them anything.
func statsRegion(ctx context.Context, code string) (model.Region, error) {
	if !feed.ValidRegion(code) {
		return model.Region{}, badInput("region", "%q is not a region code (6, 9 or 12 digits of a province)", code)
	}
	p, err := auth.Require(ctx)
	if err != nil {
		return model.Region{}, err
	}
	if p.Role == auth.RoleAnalyst && !p.CoversRegion(code) {
		return model.Region{}, auth.Forbiddenf("region %s is outside your regions", code)
	}
	known, err := regionContaining(ctx, code)
	if err != nil || known == nil {
		return model.Region{}, orBadInput(err, "region", "unknown region code %q", code)
	}
	switch {
	case known.Code == code:
		return *known, nil
	case len(code) == 12: // a village: the reference table stops at townships
		return model.Region{Code: code, Level: model.RegionLevelVillage, ParentCode: known.Code}, nil
	}
	return model.Region{}, badInput("region", "unknown region code %q", code)
}

func orBadInput(err error, field, format string, args ...any) error {
	if err != nil {
		return err
	}
	return badInput(field, format, args...)
}

// statsOf reads a region's figures for the months first to last: those
// of the sections the operation asks for.
func (r *Resolver) statsOf(ctx context.Context, region model.Region, first, last stats.Month) (*model.Stats, error) {
	rows, err := r.store.StatsRows(ctx, region.Code, last)
	if err != nil {
		return nil, err
	}
	pending, err := r.store.StatsPending(ctx, statsPendingCap)
	if err != nil {
		return nil, err
	}
	return &model.Stats{
		Region: region, From: model.Date{Time: first.First()}, To: model.Date{Time: last.Last()},
		MinCount: int(r.suppress.Min), Pending: pending,
		Figures: r.suppress.FiguresFor(stats.TotalsOf(rows, first, last), selected(ctx, "figures")),
		First:   first, Last: last, Rows: rows,
	}, nil
}

// statsByMonth is the figures of each month of s's period.
func (r *Resolver) statsByMonth(ctx context.Context, s *model.Stats) []stats.MonthFigures {
	return r.suppress.ByMonth(s.Rows, s.First, s.Last, selected(ctx, "figures"))
}

// statsByRegion is the figures of each child region of s's region; their
// names are resolved by the RegionStats.region field.
func (r *Resolver) statsByRegion(ctx context.Context, s *model.Stats) ([]stats.ChildFigures, error) {
	children, err := r.store.StatsChildren(ctx, s.Region.Code, s.First, s.Last)
	if err != nil {
		return nil, err
	}
	return r.suppress.ByRegion(children, func(string) string { return "" }, selected(ctx, "figures")), nil
}
