package resolvers_test

import (
	"testing"

	"github.com/99designs/gqlgen/client"

	"github.com/vethub/vethub/db/dbtest"
)

func TestRegion(t *testing.T) {
	t.Parallel()
	c := newAPI(t, dbtest.New(t)).as(admin)
	tests := []struct {
		code, want string // want: "name level parent parents…", "" for null
	}{
		{"330824106", "桐村镇 TOWNSHIP 330824 330824 330800 330000"},
		{"330824", "开化县 COUNTY 330800 330800 330000"},
		{"330000", "浙江省 PROVINCE  "},
		{"330824106001", ""}, // villages are not in the table
		{"nonsense", ""},
	}
	for _, tt := range tests {
		t.Run(tt.code, func(t *testing.T) {
			t.Parallel()
			var out struct{ Region *regionOut }
			mustQuery(t, c, `query($c: String!) { region(code: $c) { code name level parent { code } parents { code } } }`,
				&out, client.Var("c", tt.code))
			if got := out.Region.String(); got != tt.want {
				t.Fatalf("region(%s) = %q, want %q", tt.code, got, tt.want)
			}
		})
	}
}

func TestPersonRegionResolvesVillage(t *testing.T) {
	t.Parallel()
	store := dbtest.New(t)
	f := fixtures{t, store}
	f.person("钱", "330824106001") // village of 桐村镇
	f.person("孙", "330824999001") // unknown township of 开化县
	f.person("李", "990000")       // unknown everywhere
	var out struct {
		Persons struct {
			Edges []struct{ Node struct{ Region *regionOut } }
		}
	}
	mustQuery(t, newAPI(t, store).as(admin),
		`{ persons { edges { node { region { code name level parent { code } parents { code } } } } } }`, &out)
	want := []string{"桐村镇 TOWNSHIP 330824 330824 330800 330000", "开化县 COUNTY 330800 330800 330000", ""}
	for i, e := range out.Persons.Edges {
		if got := e.Node.Region.String(); i >= len(want) || got != want[i] {
			t.Errorf("person %d region = %q, want %q", i, got, want[i])
		}
	}
}

type regionOut struct {
	Code, Name, Level string
	Parent            *struct{ Code string }
	Parents           []struct{ Code string }
}

// String is "name level parent parents…", "" for nil.
func (r *regionOut) String() string {
	if r == nil {
		return ""
	}
	s := r.Name + " " + r.Level + " "
	if r.Parent != nil {
		s += r.Parent.Code
	}
	for _, p := range r.Parents {
		s += " " + p.Code
	}
	if len(r.Parents) == 0 {
		s += " "
	}
	return s
}
