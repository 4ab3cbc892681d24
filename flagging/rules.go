package flagging

import (
	"context"
	"fmt"
	"sync"

	"github.com/vethub/vethub/db"
	"github.com/vethub/vethub/matching/hardship"
)

// ruleCache holds the active rule set, parsed once per version loaded.
type ruleCache struct {
	mu  sync.Mutex
	id  int64 // the rule_sets row parsed; 0 for the built-in default
	set *hardship.RuleSet
}

// active returns the newest loaded rule set, or the built-in default when
// an admin has loaded none.
func (c *ruleCache) active(ctx context.Context, store *db.Store) (*hardship.RuleSet, error) {
	row, loaded, err := db.RuleSetActive(ctx, store.Pool)
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.set != nil && c.id == row.ID {
		return c.set, nil
	}
	set := hardship.Default()
	if loaded {
		if set, err = hardship.ParseRuleSet(row.Source); err != nil {
			return nil, fmt.Errorf("rule set %s: %w", row.Version, err)
		}
	}
	c.id, c.set = row.ID, set
	return set, nil
}
