package db

import (
	"context"
	"sync"

	"github.com/graph-gophers/dataloader/v7"
)

// caseLoaders batch what a page of cases shows of each: the person's
// flags, and the case's notes, actions and history, one query per field
// for the whole page. The cases themselves were read in scope.
type caseLoaders struct {
	made    struct{ flags, notes, actions, events sync.Once }
	flags   *dataloader.Loader[int64, []Flag]
	notes   *dataloader.Loader[int64, []CaseNote]
	actions *dataloader.Loader[int64, []CaseAction]
	events  *dataloader.Loader[int64, []CaseEvent]
}

// FlagsByPersonID returns a person's current flags, strongest first.
func (l *Loaders) FlagsByPersonID(ctx context.Context, personID int64) ([]Flag, error) {
	return l.flagsLoader().Load(ctx, personID)()
}

// NotesByCaseID returns a case's notes, oldest first.
func (l *Loaders) NotesByCaseID(ctx context.Context, caseID int64) ([]CaseNote, error) {
	return l.notesLoader().Load(ctx, caseID)()
}

// ActionsByCaseID returns a case's assistance actions, oldest first.
func (l *Loaders) ActionsByCaseID(ctx context.Context, caseID int64) ([]CaseAction, error) {
	return l.actionsLoader().Load(ctx, caseID)()
}

// EventsByCaseID returns a case's history, oldest first.
func (l *Loaders) EventsByCaseID(ctx context.Context, caseID int64) ([]CaseEvent, error) {
	return l.eventsLoader().Load(ctx, caseID)()
}

func (l *Loaders) flagsLoader() *dataloader.Loader[int64, []Flag] {
	c := &l.cases
	c.made.flags.Do(func() { c.flags = groupedLoader(l.store.FlagsOf, flagPerson) })
	return c.flags
}

func (l *Loaders) notesLoader() *dataloader.Loader[int64, []CaseNote] {
	c := &l.cases
	c.made.notes.Do(func() { c.notes = groupedLoader(l.store.CaseNotes, func(n *CaseNote) int64 { return n.CaseID }) })
	return c.notes
}

func (l *Loaders) actionsLoader() *dataloader.Loader[int64, []CaseAction] {
	c := &l.cases
	c.made.actions.Do(func() { c.actions = groupedLoader(l.store.CaseActions, func(a *CaseAction) int64 { return a.CaseID }) })
	return c.actions
}

func (l *Loaders) eventsLoader() *dataloader.Loader[int64, []CaseEvent] {
	c := &l.cases
	c.made.events.Do(func() { c.events = groupedLoader(l.store.CaseEvents, func(e *CaseEvent) int64 { return e.CaseID }) })
	return c.events
}

func flagPerson(f *Flag) int64 { return f.PersonID }

// groupedLoader batches a one-to-many read by key.
func groupedLoader[V any](read func(context.Context, []int64) ([]V, error), key func(*V) int64) *dataloader.Loader[int64, []V] {
	return newLoader(func(ctx context.Context, ids []int64) []*dataloader.Result[[]V] {
		rows, err := read(ctx, ids)
		return groupedInKeyOrder(ids, rows, err, key)
	})
}

// CasePrefetch says what a page of cases is asked for.
type CasePrefetch struct{ Persons, Flags, Notes, Actions, Events bool }

// PrefetchCases loads what the page's cases are asked for, one query each,
// and primes the loaders (see loaders_prefetch.go for why).
func (l *Loaders) PrefetchCases(ctx context.Context, caseIDs, personIDs []int64, want CasePrefetch) error {
	if want.Persons {
		persons, err := l.store.PersonsByIDs(ctx, l.scope, personIDs)
		if err != nil {
			return err
		}
		l.PrimePersons(ctx, persons)
	}
	var err error
	if want.Flags {
		err = prime(ctx, l.flagsLoader(), personIDs, l.store.FlagsOf, flagPerson)
	}
	if want.Notes && err == nil {
		err = prime(ctx, l.notesLoader(), caseIDs, l.store.CaseNotes, func(n *CaseNote) int64 { return n.CaseID })
	}
	if want.Actions && err == nil {
		err = prime(ctx, l.actionsLoader(), caseIDs, l.store.CaseActions, func(a *CaseAction) int64 { return a.CaseID })
	}
	if want.Events && err == nil {
		err = prime(ctx, l.eventsLoader(), caseIDs, l.store.CaseEvents, func(e *CaseEvent) int64 { return e.CaseID })
	}
	return err
}

// prime reads the rows of keys at once and primes loader with each key's.
func prime[V any](ctx context.Context, loader *dataloader.Loader[int64, []V], keys []int64,
	read func(context.Context, []int64) ([]V, error), key func(*V) int64) error {
	rows, err := read(ctx, keys)
	if err != nil {
		return err
	}
	for i, g := range groupedInKeyOrder(keys, rows, nil, key) {
		loader.Prime(ctx, keys[i], g.Data)
	}
	return nil
}
