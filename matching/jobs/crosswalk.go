package jobs

import (
	"bytes"
	_ "embed"
	"encoding/csv"
	"fmt"
	"sort"
	"strings"
	"sync"
)

// FitLevel says how a profile reaches an occupation; lower is stronger.
type FitLevel int8

// The fit levels, strongest first. FitFamily is the same 中类 (the first
// two parts of the code) as a stronger target.
const (
	FitPreferred   FitLevel = iota // the person listed the occupation
	FitPrimary                     // primary crosswalk match of the specialty
	FitCertificate                 // a certificate qualifies for it
	FitSecondary                   // secondary crosswalk match of the specialty
	FitFamily                      // same 中类 as one of the above
	fitNone
)

// Crosswalk is the curated data that turns a person's specialty and
// certificates into occupations. It is immutable and safe to share.
type Crosswalk struct {
	specialties  []specialtyRow // longest name first
	certificates map[string]certificateRow
}

type specialtyRow struct {
	name    string
	primary bool
	code    string
}

type certificateRow struct {
	occupations []string
	implies     []string
}

var (
	//go:embed data/crosswalk.csv
	crosswalkCSV []byte
	//go:embed data/certificates.csv
	certificatesCSV []byte
)

var defaultCrosswalk = sync.OnceValues(func() (*Crosswalk, error) {
	return ParseCrosswalk(crosswalkCSV, certificatesCSV)
})

// DefaultCrosswalk returns the shipped crosswalk. It panics if the embedded
// files are invalid, which the package's tests rule out.
func DefaultCrosswalk() *Crosswalk {
	cw, err := defaultCrosswalk()
	if err != nil {
		panic(err)
	}
	return cw
}

// ParseCrosswalk reads a specialty table (specialty, occupation, name,
// match, note) and a certificate table (certificate, occupations,
// implies), both CSV with a header and # comments. It fails on a malformed
// occupation code, an unknown match kind or a duplicate certificate.
func ParseCrosswalk(specialtyCSV, certificateCSV []byte) (*Crosswalk, error) {
	cw := &Crosswalk{certificates: map[string]certificateRow{}}
	err := eachRow(specialtyCSV, 5, func(f []string) error {
		if !validOccupation(f[1]) {
			return fmt.Errorf("occupation %q is not D-DD-DD-DD", f[1])
		}
		if f[3] != "primary" && f[3] != "secondary" {
			return fmt.Errorf("match %q: want primary or secondary", f[3])
		}
		cw.specialties = append(cw.specialties, specialtyRow{normalize(f[0]), f[3] == "primary", f[1]})
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("jobs: crosswalk: %w", err)
	}
	sort.SliceStable(cw.specialties, func(i, j int) bool {
		return len(cw.specialties[i].name) > len(cw.specialties[j].name)
	})
	if err := eachRow(certificateCSV, 3, cw.addCertificate); err != nil {
		return nil, fmt.Errorf("jobs: certificates: %w", err)
	}
	return cw, nil
}

func (cw *Crosswalk) addCertificate(f []string) error {
	name := normalize(f[0])
	if _, dup := cw.certificates[name]; dup {
		return fmt.Errorf("certificate %q listed twice", f[0])
	}
	row := certificateRow{occupations: splitList(f[1]), implies: splitList(f[2])}
	for i, code := range row.occupations {
		if !validOccupation(code) {
			return fmt.Errorf("certificate %q: occupation %q is not D-DD-DD-DD", f[0], code)
		}
		row.occupations[i] = code
	}
	for i, c := range row.implies {
		row.implies[i] = normalize(c)
	}
	cw.certificates[name] = row
	return nil
}

// eachRow calls fn with every data row of a CSV table after its header;
// the error names the line.
func eachRow(data []byte, fields int, fn func([]string) error) error {
	r := csv.NewReader(bytes.NewReader(data))
	r.Comment = '#'
	r.FieldsPerRecord = fields
	rows, err := r.ReadAll()
	if err != nil {
		return err
	}
	if len(rows) == 0 {
		return fmt.Errorf("no header")
	}
	for i, row := range rows[1:] {
		for k := range row {
			row[k] = strings.TrimSpace(row[k])
		}
		if err := fn(row); err != nil {
			return fmt.Errorf("row %d: %w", i+1, err)
		}
	}
	return nil
}

func splitList(s string) []string {
	var out []string
	for _, part := range strings.Split(s, ";") {
		if p := strings.TrimSpace(part); p != "" {
			out = append(out, p)
		}
	}
	return out
}

func validOccupation(s string) bool {
	if len(s) != 10 || s[0] < '1' || s[0] > '8' || s[1] != '-' || s[4] != '-' || s[7] != '-' {
		return false
	}
	return isDigits(s[2:4]) && isDigits(s[5:7]) && isDigits(s[8:10])
}

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// family is the 大类-中类 part of an occupation code ("4-02"), or "" when
// the code is malformed.
func family(code string) string {
	if len(code) < 4 {
		return ""
	}
	return code[:4]
}
