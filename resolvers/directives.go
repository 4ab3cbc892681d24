package resolvers

import (
	"context"
	"reflect"
	"slices"

	"github.com/99designs/gqlgen/graphql"

	"github.com/vethub/vethub/auth"
	"github.com/vethub/vethub/graph"
	"github.com/vethub/vethub/graph/model"
	"github.com/vethub/vethub/privacy"
)

// Config is the executable schema's configuration: the resolvers and the
// directives that enforce access on every field that declares it.
func (r *Resolver) Config() graph.Config {
	return graph.Config{Resolvers: r, Directives: Directives()}
}

// Directives are the access rules the schema declares: @allow (roles per
// field) and @pii (masking and audit of personal information).
func Directives() graph.DirectiveRoot {
	return graph.DirectiveRoot{Allow: allow, Pii: pii}
}

// allow lets the field resolve only for the listed roles.
func allow(ctx context.Context, _ any, next graphql.Resolver, roles []model.Role) (any, error) {
	p, err := auth.Require(ctx)
	if err != nil {
		return nil, err
	}
	if !slices.Contains(roles, model.Role(p.Role)) {
		return nil, auth.Forbiddenf("role %s may not read %s", p.Role, fieldName(ctx))
	}
	return next(ctx)
}

// pii resolves the field, then masks the value unless the operation may
// reveal it, in which case the reveal is noted for the audit log.
func pii(ctx context.Context, obj any, next graphql.Resolver, kind model.PiiKind) (any, error) {
	v, err := next(ctx)
	if err != nil || isNil(v) {
		return v, err
	}
	if a := privacy.From(ctx); a.Reveal() {
		a.Note(personOf(ctx, obj), fieldName(ctx))
		return v, nil
	}
	return masked(kind, v), nil
}

// masked hides v: strings keep their shape (330824********123X), other
// values (dates, amounts, health details) become null of their own type.
func masked(kind model.PiiKind, v any) any {
	s, ok := v.(*string)
	if !ok {
		return reflect.Zero(reflect.TypeOf(v)).Interface()
	}
	var m string
	switch kind {
	case model.PiiKindIDNumber:
		m = privacy.MaskIDNumber(*s)
	case model.PiiKindPhone:
		m = privacy.MaskPhone(*s)
	case model.PiiKindAddress:
		m = privacy.MaskAddress(*s)
	default:
		return (*string)(nil)
	}
	return &m
}

func isNil(v any) bool {
	if v == nil {
		return true
	}
	rv := reflect.ValueOf(v)
	switch rv.Kind() {
	case reflect.Pointer, reflect.Slice, reflect.Map, reflect.Interface:
		return rv.IsNil()
	}
	return false
}

// fieldName is the resolving field as Type.field, e.g. Person.idNumber.
func fieldName(ctx context.Context) string {
	fc := graphql.GetFieldContext(ctx)
	if fc == nil {
		return ""
	}
	return fc.Object + "." + fc.Field.Name
}

// personOf finds the person a field belongs to: its object when that is a
// person or a record, else the nearest enclosing one (a record's temporary
// assistance). 0 when there is none.
func personOf(ctx context.Context, obj any) int64 {
	if id := personIDOf(obj); id != 0 {
		return id
	}
	for fc := graphql.GetFieldContext(ctx); fc != nil; fc = fc.Parent {
		if id := personIDOf(fc.Result); id != 0 {
			return id
		}
	}
	return 0
}

func personIDOf(v any) int64 {
	switch o := v.(type) {
	case *model.Person:
		return o.PersonID
	case *model.CaseAction:
		return o.PersonRef
	case *model.HardshipFlag:
		return o.PersonRef
	case *model.Evidence:
		return o.PersonRef
	case model.SourceRecord:
		return o.Common().PersonID
	}
	return 0
}
