package stats

import (
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"
)

// Report is a region's figures for a year, as `vethub report` prints them.
type Report struct {
	Region     string         `json:"region"`
	RegionName string         `json:"regionName"`
	Year       int            `json:"year"`
	MinCount   int64          `json:"minCount"`
	Figures    Figures        `json:"figures"`
	ByRegion   []ChildFigures `json:"byRegion"`
	ByMonth    []MonthFigures `json:"byMonth"`
}

// ChildFigures are a child region's figures.
type ChildFigures struct {
	Code    string  `json:"code"`
	Name    string  `json:"name"` // "" when the code is not in the region table
	Figures Figures `json:"figures"`
}

// MonthFigures are one month's figures.
type MonthFigures struct {
	Month   string  `json:"month"`
	Figures Figures `json:"figures"`
}

// ByMonth is the figures of each month from first to last, from a
// region's rows: levels at each month's end, activity within it. sections
// are those of FiguresFor.
func (s Suppressor) ByMonth(rows []Row, first, last Month, sections map[string]bool) []MonthFigures {
	months := Months(first, last)
	out := make([]MonthFigures, 0, len(months))
	for _, m := range months {
		out = append(out, MonthFigures{Month: m.String(), Figures: s.FiguresFor(TotalsOf(rows, m, m), sections)})
	}
	return out
}

// ByRegion is the figures of each child region, by code, named by name.
// sections are those of FiguresFor.
func (s Suppressor) ByRegion(children map[string]Totals, name func(code string) string, sections map[string]bool) []ChildFigures {
	out := make([]ChildFigures, 0, len(children))
	for _, code := range slices.Sorted(maps.Keys(children)) {
		out = append(out, ChildFigures{Code: code, Name: name(code), Figures: s.FiguresFor(children[code], sections)})
	}
	return out
}

// WriteMarkdown writes the report as Markdown, ready to paste into a
// yearly work report.
func (r Report) WriteMarkdown(w io.Writer) error {
	md := &markdown{w: w}
	f := r.Figures
	name := r.RegionName
	if name == "" {
		name = r.Region
	}
	md.line("# %s (%s): figures for %d", name, r.Region, r.Year)
	md.line("")
	md.line("Levels are as of %d-12-31; activity is within %d. Counts from 1 to %d are shown as \"<%d\", with the amounts and rates over them.",
		r.Year, r.Year, r.MinCount-1, r.MinCount)
	md.line("")
	r.headline(md)
	md.breakdowns("Veterans by discharge mode (安置方式)", f.Veterans.ByDischargeMode)
	md.breakdowns("Veterans by entitled group (优抚对象类别)", f.Veterans.ByEntitledGroup)
	md.breakdowns("Veterans by employment status (就业状态)", f.Veterans.ByEmploymentStatus)
	md.caseTable("Hardship cases by category", f.Cases.ByCategory)
	md.caseTable("Hardship cases by priority", f.Cases.ByPriority)
	md.assistance(f.Assistance)
	r.children(md)
	r.months(md)
	return md.err
}

func (r Report) headline(md *markdown) {
	f := r.Figures
	v, c := f.Veterans, f.Cases
	md.table([]string{"Figure", "Value"}, [][]string{
		{"Veterans on record (建档立卡)", v.OnRecord.Display},
		{"Preferential cards issued (优待证), rate", fmt.Sprintf("%s (%s)", v.CardsIssued.Display, v.CardIssueRate.Display)},
		{"Preferential card application rate", v.CardApplicationRate.Display},
		{"Entitled-group members (优抚对象)", v.Entitled.Display},
		{"Monthly subsidies of entitled-group members (yuan)", v.EntitledMonthlyBenefits.Display},
		{"Placed (安置), placement rate", fmt.Sprintf("%s (%s)", v.Placed.Display, v.PlacementRate.Display)},
		{"Veterans unemployed", v.Unemployed.Display},
		{"Veterans with training certificates, certificates held", fmt.Sprintf("%s, %s", v.Certified.Display, v.Certificates.Display)},
		{"Veterans also known to civil affairs or health (coverage)", fmt.Sprintf("%s (%s)", v.LinkedCivil.Display+" / "+v.LinkedHealth.Display, v.Coverage.Display)},
		{"Persons on record, linked across 2 / 3 departments", fmt.Sprintf("%s, %s / %s (%s)", f.Persons.OnRecord.Display, f.Persons.LinkedTwo.Display, f.Persons.LinkedThree.Display, f.Persons.LinkedShare.Display)},
		{"低保 recipients, monthly amount (yuan)", fmt.Sprintf("%s, %s", f.Civil.DibaoReceiving.Display, f.Civil.DibaoMonthly.Display)},
		{"Temporary assistance payments, amount (yuan)", fmt.Sprintf("%s, %s", f.Civil.TemporaryAssistance.Display, f.Civil.TemporaryAssistanceAmount.Display)},
		{"Hardship cases found (困难情况主动发现)", c.Opened.Display},
		{"Hardship cases resolved, rate", fmt.Sprintf("%s (%s)", c.Resolved.Display, c.ResolutionRate.Display)},
		{"Median days to resolve", c.MedianDaysToResolve.Display},
		{"Cases open at year end", c.Active.Display},
		{"Assistance actions done, amount (yuan)", fmt.Sprintf("%s, %s", f.Assistance.Actions.Display, f.Assistance.Amount.Display)},
		{"Veterans seeking work (unemployed or flexible)", f.Jobs.Seekers.Display},
		{"Job postings offered, openings", fmt.Sprintf("%s, %s", f.Jobs.Postings.Display, f.Jobs.Openings.Display)},
		{"Job referrals, placements completed", fmt.Sprintf("%s, %s", f.Jobs.Referrals.Display, f.Jobs.Placements.Display)},
	})
}

func (r Report) children(md *markdown) {
	if len(r.ByRegion) == 0 {
		return
	}
	md.line("## By region")
	md.line("")
	var rows [][]string
	for _, c := range r.ByRegion {
		f := c.Figures
		rows = append(rows, []string{strings.TrimSpace(c.Name + " " + c.Code), f.Veterans.OnRecord.Display, f.Veterans.CardIssueRate.Display,
			f.Cases.Opened.Display, f.Cases.Resolved.Display, f.Assistance.Amount.Display})
	}
	md.table([]string{"Region", "Veterans", "Card rate", "Cases found", "Resolved", "Assistance (yuan)"}, rows)
}

func (r Report) months(md *markdown) {
	md.line("## By month")
	md.line("")
	var rows [][]string
	for _, m := range r.ByMonth {
		f := m.Figures
		rows = append(rows, []string{m.Month, f.Veterans.OnRecord.Display, f.Cases.Opened.Display, f.Cases.Resolved.Display,
			f.Jobs.Placements.Display, f.Assistance.Amount.Display})
	}
	md.table([]string{"Month", "Veterans (month end)", "Cases found", "Resolved", "Placements", "Assistance (yuan)"}, rows)
}

// markdown writes lines and tables, keeping the first error.
type markdown struct {
	w   io.Writer
	err error
}

func (m *markdown) line(format string, args ...any) {
	if m.err == nil {
		_, m.err = fmt.Fprintf(m.w, format+"\n", args...)
	}
}

func (m *markdown) table(header []string, rows [][]string) {
	m.line("| %s |", strings.Join(header, " | "))
	m.line("|%s", strings.Repeat(" --- |", len(header)))
	for _, r := range rows {
		m.line("| %s |", strings.Join(r, " | "))
	}
	m.line("")
}

func (m *markdown) breakdowns(title string, counts []KeyCount) {
	if len(counts) == 0 {
		return
	}
	m.line("## %s", title)
	m.line("")
	rows := make([][]string, len(counts))
	for i, c := range counts {
		rows[i] = []string{c.Key, c.Count.Display}
	}
	m.table([]string{"", "Veterans"}, rows)
}

func (m *markdown) caseTable(title string, groups []CaseGroup) {
	if len(groups) == 0 {
		return
	}
	m.line("## %s", title)
	m.line("")
	rows := make([][]string, len(groups))
	for i, g := range groups {
		rows[i] = []string{g.Key, g.Opened.Display, g.Resolved.Display, g.Dismissed.Display, g.Active.Display, g.MedianDaysToResolve.Display}
	}
	m.table([]string{"", "Found", "Resolved", "Dismissed", "Open at end", "Median days"}, rows)
}

func (m *markdown) assistance(a AssistanceFigures) {
	if len(a.ByKind) == 0 {
		return
	}
	m.line("## Assistance by kind (帮扶措施)")
	m.line("")
	rows := make([][]string, len(a.ByKind))
	for i, k := range a.ByKind {
		rows[i] = []string{k.Key, k.Count.Display, k.Amount.Display}
	}
	m.table([]string{"", "Actions", "Amount (yuan)"}, rows)
}
