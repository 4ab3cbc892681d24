package resolvers_test

import (
	"fmt"
	"testing"

	"github.com/99designs/gqlgen/client"

	"github.com/vethub/vethub/db/dbtest"
)

func TestPersonLinkEvidence(t *testing.T) {
	t.Parallel()
	store := dbtest.New(t)
	f := fixtures{t, store}
	p := f.person("张三", "330824106001")
	v := f.record("VETERAN", "v-1", p, "330824106", veteranAttrs)
	c := f.record("CIVIL", "c-1", p, "330824106", civilAttrs)
	evidence := fmt.Sprintf(`{"with":%d,"probability":0.9995,"weight":31.2,"fields":[
		{"field":"name","level":"SAME_PINYIN","weight":11.9},{"field":"birthDate","level":"EXACT","weight":14.7}]}`, v)
	f.id(`UPDATE source_records SET link_method = 'PROBABILISTIC' WHERE id = $1 RETURNING id`, c)
	f.id(`INSERT INTO link_evidence (record_id, evidence) VALUES ($1, $2) RETURNING record_id`, c, evidence)
	var out struct {
		Person struct {
			LinkEvidence []struct {
				Record      struct{ SourceID string }
				Method      string
				MatchedWith *struct{ SourceID string }
				Probability *float64
				Fields      []struct {
					Field, Level string
					Weight       float64
				}
			}
		}
	}
	mustQuery(t, newAPI(t, store).as(admin), `query($id: ID!) { person(id: $id) { linkEvidence {
		record { sourceId } method matchedWith { sourceId } probability fields { field level weight } } } }`,
		&out, client.Var("id", fmt.Sprint(p)))
	ev := out.Person.LinkEvidence
	if len(ev) != 2 {
		t.Fatalf("evidence for %d records, want 2: %+v", len(ev), ev)
	}
	for _, e := range ev {
		switch e.Record.SourceID {
		case "v-1":
			if e.Method != "EXACT_ID" || e.MatchedWith != nil || len(e.Fields) != 0 {
				t.Errorf("exact link: %+v", e)
			}
		case "c-1":
			if e.Method != "PROBABILISTIC" || e.MatchedWith == nil || e.MatchedWith.SourceID != "v-1" ||
				*e.Probability != 0.9995 || len(e.Fields) != 2 || e.Fields[0].Level != "SAME_PINYIN" {
				t.Errorf("probabilistic link: %+v", e)
			}
		}
	}
}
