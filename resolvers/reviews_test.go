package resolvers_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/99designs/gqlgen/client"

	"github.com/vethub/vethub/auth"
	"github.com/vethub/vethub/db/dbtest"
)

func TestLinkReviewsListAndResolve(t *testing.T) {
	t.Parallel()
	store := dbtest.New(t)
	f := fixtures{t, store}
	p1 := f.person("张三", "330824106001")
	r1 := f.record("VETERAN", "v-1", p1, "330824106", veteranAttrs)
	p2 := f.person("张叁", "330824106001")
	r2 := f.record("CIVIL", "c-1", p2, "330824106", civilAttrs)
	p3 := f.person("李四", "341103100001")
	r3 := f.record("CIVIL", "c-2", p3, "341103100", civilAttrs)
	evidence := `{"with":0,"probability":0.8,"weight":3.1,"fields":[{"field":"name","level":"SAME_PINYIN","weight":11.9}]}`
	review := func(a, b int64) int64 {
		return f.id(`INSERT INTO link_reviews (record_a, record_b, probability, evidence) VALUES ($1, $2, 0.8, $3) RETURNING id`, a, b, evidence)
	}
	same := review(r1, r2)
	review(r1, r3) // one record outside the analyst's regions
	a := newAPI(t, store)
	analyst := a.as(auth.Principal{TokenID: 7, Name: "kh-analyst", Role: auth.RoleAnalyst, Regions: []string{"330824"}})

	var list struct {
		LinkReviews struct {
			Edges []struct {
				Node struct {
					ID, Status       string
					Probability      float64
					RecordA, RecordB struct{ SourceID string }
					Fields           []struct{ Field, Level string }
				}
			}
		}
	}
	mustQuery(t, analyst, `{ linkReviews { edges { node { id status probability recordA { sourceId } recordB { sourceId }
		fields { field level } } } } }`, &list)
	if e := list.LinkReviews.Edges; len(e) != 1 || e[0].Node.ID != fmt.Sprint(same) || e[0].Node.RecordB.SourceID != "c-1" ||
		e[0].Node.Fields[0].Level != "SAME_PINYIN" {
		t.Fatalf("analyst's reviews = %+v, want only the one inside 330824", e)
	}

	const resolve = `mutation($id: ID!, $d: LinkDecision!) { resolveLinkReview(id: $id, decision: $d, reason: "case 7") { status resolvedBy reason } }`
	var out struct {
		ResolveLinkReview struct{ Status, ResolvedBy, Reason string }
	}
	mustQuery(t, analyst, resolve, &out, client.Var("id", fmt.Sprint(same)), client.Var("d", "SAME_PERSON"))
	if out.ResolveLinkReview.Status != "SAME_PERSON" || out.ResolveLinkReview.ResolvedBy != "kh-analyst" {
		t.Fatalf("resolved = %+v", out.ResolveLinkReview)
	}
	ctx := context.Background()
	var person, merged int64
	var audited int
	store.Pool.QueryRow(ctx, `SELECT person_id FROM source_records WHERE id = $1`, r2).Scan(&person)
	store.Pool.QueryRow(ctx, `SELECT merged_into FROM persons WHERE id = $1`, p2).Scan(&merged)
	store.Pool.QueryRow(ctx, `SELECT count(*) FROM audit_log WHERE purpose = 'case 7' AND 'Mutation.resolveLinkReview' = ANY(fields)`).Scan(&audited)
	if person != p1 || merged != p1 || audited != 1 {
		t.Fatalf("record c-1 in person %d (want %d), person %d merged into %d, %d audit rows", person, p1, p2, merged, audited)
	}
	errs := query(t, analyst, resolve, nil, client.Var("id", fmt.Sprint(same)), client.Var("d", "DIFFERENT_PERSONS"))
	if len(errs) == 0 || !strings.Contains(errs[0].Message, "decided already") {
		t.Fatalf("second decision: %+v", errs)
	}
	errs = query(t, analyst, `mutation { resolveLinkReview(id: "1", decision: SAME_PERSON, reason: " ") { id } }`, nil)
	if len(errs) == 0 || !strings.Contains(errs[0].Message, "reason") {
		t.Fatalf("blank reason: %+v", errs)
	}
}
