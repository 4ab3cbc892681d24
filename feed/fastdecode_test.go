package feed

import (
	"bufio"
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	jsonv2 "github.com/go-json-experiment/json"
)

// agree checks that whenever the fast decoder accepts a line, encoding/json
// accepts it too and decodes the same value.
func agree[T any](t *testing.T, line []byte) {
	t.Helper()
	var exact, fast, std T
	exactErr := jsonv2.Unmarshal(line, &exact, exactKeys)
	if jsonv2.Unmarshal(line, &fast, v1Semantics) != nil {
		if exactErr == nil {
			t.Fatalf("exact-key decoder accepted what the v1 decoder rejects: %s", line)
		}
		return // the slow path decides, as before
	}
	if err := json.Unmarshal(line, &std); err != nil {
		t.Fatalf("fast decoder accepted what encoding/json rejects (%v): %s", err, line)
	}
	if !reflect.DeepEqual(fast, std) {
		t.Fatalf("decoders disagree on %s:\nfast %+v\nstd  %+v", line, fast, std)
	}
	if exactErr == nil && !reflect.DeepEqual(exact, std) {
		t.Fatalf("decoders disagree on %s:\nexact %+v\nstd   %+v", line, exact, std)
	}
}

func TestFastDecoderAgreesOnFixtures(t *testing.T) {
	t.Parallel()
	files, _ := filepath.Glob("testdata/*.ndjson")
	if len(files) == 0 {
		t.Fatal("no fixtures")
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(bytes.NewReader(b))
		sc.Buffer(nil, 1<<20)
		for sc.Scan() {
			line := sc.Bytes()
			agree[VeteranInput](t, line)
			agree[CivilInput](t, line)
			agree[HealthInput](t, line)
			agree[JobInput](t, line)
		}
	}
}

func FuzzFastDecoderAgrees(f *testing.F) {
	for _, s := range []string{
		`{"sourceId":"a","sourceVersion":1,"asOf":"2026-01-01","name":"张伟","regionCode":"330824"}`,
		`{"SOURCEID":"a","sourceid":"b","merits":["COMMENDATION",null],"disabilityGrade":3}`,
		`{"temporaryAssistance":[{"date":"2026-01-01","amount":100.5,"reason":"x"},null],"livingAlone":true}`,
		`{"sourceVersion":1e3,"monthlyBenefit":-0,"skills":[]}`,
		`{"name":"a\u0000b","sourceVersion":12345678901234}`,
		`{"sourceId":"a","sourceId":"b","name":"x"}`,
		`{"sourceId":"a","Name":"x","unknown":{"k":[1,2]}}`,
		`{"sourceId":"a","name":null,"merits":null,"temporaryAssistance":[null,{"amount":null}]}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, line []byte) {
		agree[VeteranInput](t, line)
		agree[CivilInput](t, line)
		agree[JobInput](t, line)
	})
}
