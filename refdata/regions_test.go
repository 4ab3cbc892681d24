package refdata

import "testing"

func TestRegionsParentsExist(t *testing.T) {
	t.Parallel()
	rs, err := Regions()
	if err != nil {
		t.Fatal(err)
	}
	byCode := map[string]bool{}
	for _, r := range rs {
		byCode[r.Code] = true
	}
	for _, r := range rs {
		if r.ParentCode != "" && !byCode[r.ParentCode] {
			t.Errorf("region %s: parent %s not in table", r.Code, r.ParentCode)
		}
	}
	for _, county := range []string{"330824", "341103", "440310", "421281"} {
		if !byCode[county] {
			t.Errorf("seed county %s missing", county)
		}
	}
}
