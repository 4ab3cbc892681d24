package jobs

// Weights are the points of each match component and the reach beyond
// which only a preferred region matches. The defaults sum to 100; a bureau
// may change them (they decide ranking, not eligibility).
type Weights struct {
	Occupation      [fitNone]float64 // by FitLevel
	PreferredRegion float64          // the posting lies in a preferred region, or covers one
	Region          [SameVillage + 1]float64
	// Reach is the farthest proximity to home that matches without a
	// preferred region: commuting beyond it is not a reasonable offer.
	Reach Proximity
	// Certificates: all requirements held (or none stated); the person's
	// certificates are unknown gets CertificatesUnknown.
	Certificates, CertificatesUnknown float64
	Education, EducationUnknown       float64 // requirement met (or none) / person's unknown
	Age, AgeUnknown                   float64
	VeteranPreferred                  float64 // posting prefers veterans and the person served
	// Salary is earned in proportion to SalaryMax up to SalaryFull yuan.
	Salary, SalaryFull float64
}

// DefaultWeights: occupation 40, region 30, certificates 16, education 3,
// age 3, veteran preference 4, salary 4. A preferred occupation (40) with
// a home-county posting (18) ranks with a specialty occupation (28) in a
// preferred region (30); both rank above a specialty occupation at home.
// A required certificate the record does not show earns nothing, so such
// a posting ranks below one the person is known to qualify for.
func DefaultWeights() Weights {
	return Weights{
		Occupation:      [fitNone]float64{FitPreferred: 40, FitPrimary: 28, FitCertificate: 26, FitSecondary: 22, FitFamily: 8},
		PreferredRegion: 30,
		Region:          [SameVillage + 1]float64{SamePrefecture: 6, SameCounty: 18, SameTownship: 21, SameVillage: 22},
		Reach:           SamePrefecture,
		Certificates:    16, CertificatesUnknown: 0,
		Education: 3, EducationUnknown: 1,
		Age: 3, AgeUnknown: 1,
		VeteranPreferred: 4,
		Salary:           4, SalaryFull: 12000,
	}
}
