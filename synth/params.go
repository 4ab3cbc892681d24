package synth

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"

	"github.com/vethub/vethub/refdata"
)

// paramsFile is truth/params.json: everything needed to interpret or
// reproduce the output. It holds no timing, so it is deterministic too.
type paramsFile struct {
	Generator      string                        `json:"generator"`
	Persons        int                           `json:"persons"`
	Jobs           int                           `json:"jobs"`
	Seed           uint64                        `json:"seed"`
	Noise          float64                       `json:"noise"`
	Today          string                        `json:"today"`
	ShardSize      int                           `json:"shardSize"`
	RegionsEdition string                        `json:"regionsEdition"`
	DibaoStandards []dibaoParam                  `json:"dibaoStandards"`
	Thresholds     map[string]float64            `json:"thresholds"`
	Rules          map[string]string             `json:"rules"`
	PlantRates     map[string]float64            `json:"plantRates"`
	NoiseRates     map[string]map[string]float64 `json:"noiseRates"`
	JobMatching    jobMatchParams                `json:"jobMatching"`
	Counts         map[string]int                `json:"counts"`
	NoiseCounts    map[string]int                `json:"noiseCounts"`
}

type dibaoParam struct {
	County          string  `json:"county"`
	Name            string  `json:"name"`
	MonthlyStandard float64 `json:"monthlyStandard"`
	IDElsewhere     float64 `json:"idRegisteredElsewhereShare"`
}

type jobMatchParams struct {
	Cap              int                 `json:"capPerSeeker"`
	Seekers          string              `json:"seekers"`
	Grade            string              `json:"grade"`
	Fit              string              `json:"fit"`
	Order            string              `json:"order"`
	Crosswalk        map[string][]string `json:"specialtyOccupations"`
	SkillOccupations map[string][]string `json:"skillOccupations"`
}

// ruleTexts state the rules that define truth/hardship.ndjson.
var ruleTexts = map[string]string{
	situationNames[0]: "CIVIL perCapitaMonthlyIncome < county dibao standard AND dibaoStatus = NONE AND NOT extremePoverty",
	situationNames[1]: "HEALTH outOfPocket > medicalShare × (CIVIL perCapitaMonthlyIncome × householdSize × 12)",
	situationNames[2]: "CIVIL livingAlone AND HEALTH (functionalDisability = SEVERE OR dementia)",
	situationNames[3]: "VETERAN disabilityGrade 1..4 AND HEALTH seriousIllnesses not empty",
	situationNames[4]: "VETERAN dischargeMode = SELF_EMPLOYMENT AND dischargeDate > today − 2 years AND employmentStatus = UNEMPLOYED AND today − employmentSince ≥ minUnemployedDays",
	situationNames[5]: "CIVIL count(temporaryAssistance with today − 365 days < date ≤ today) ≥ 3",
	situationNames[6]: "VETERAN entitledGroups not empty AND age ≥ 70 AND CIVIL livingAlone",
	situationNames[7]: "VETERAN entitledGroups ∋ MARTYR_SURVIVOR | DUTY_DEATH_SURVIVOR | ILLNESS_DEATH_SURVIVOR AND CIVIL perCapitaMonthlyIncome < survivorIncomeRatio × dibao standard",
}

func (w *world) writeParams(path string, st Stats) error {
	p := paramsFile{
		Generator: "vethub gen", Persons: w.cfg.Persons, Jobs: len(w.jobs), Seed: w.cfg.Seed,
		Noise: w.cfg.Noise, Today: string(appendDate(nil, w.today)), ShardSize: shardSize,
		RegionsEdition: refdata.RegionsEdition,
		Thresholds: map[string]float64{
			"medicalShare": medicalShare, "survivorIncomeRatio": survivorIncomeRatio,
			"nearDibaoRatio": nearDibaoRatio, "recentDischargeYears": recentDischargeYrs,
			"minUnemployedDays": minUnemployedDays, "aidWindowDays": aidWindowDays,
			"minAidCount": minAidCount, "elderlyAge": elderlyAge, "severeDisabilityGrade": severeGrade,
		},
		Rules:       ruleTexts,
		PlantRates:  map[string]float64{},
		NoiseRates:  map[string]map[string]float64{},
		JobMatching: w.jobMatchParams(),
		Counts: map[string]int{
			"persons": st.Persons, "veteranRecords": st.Veteran, "civilRecords": st.Civil,
			"healthRecords": st.Health, "jobs": len(w.jobs), "duplicates": st.Duplicates,
			"hardship": st.Hardship, "jobMatches": st.JobMatches,
		},
		NoiseCounts: st.Noise,
	}
	for _, c := range w.counties {
		p.DibaoStandards = append(p.DibaoStandards, dibaoParam{c.code, c.name, c.dibao, c.params.elsewhereShare})
	}
	for i, name := range situationNames {
		p.PlantRates[name] = plantRates[i]
	}
	for d, dn := range deptNames {
		rates := map[string]float64{}
		for k, nn := range noiseNames {
			rates[nn] = noiseRate(w.cfg.Noise*deptNoise[d], k)
		}
		p.NoiseRates[dn] = rates
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false) // keep the rules' < and > readable
	enc.SetIndent("", "  ")
	if err := enc.Encode(p); err != nil {
		return fmt.Errorf("synth: params: %w", err)
	}
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		return fmt.Errorf("synth: %w", err)
	}
	return nil
}

func (w *world) jobMatchParams() jobMatchParams {
	jm := jobMatchParams{
		Cap:     w.cfg.JobMatchCap,
		Seekers: "VETERAN records of served veterans with employmentStatus UNEMPLOYED, age < 60, placementStatus not PENDING",
		Grade: "occupation score (2: occupationCode in preferredOccupations; 1: in specialtyOccupations of militarySpecialty or skillOccupations of a skill) " +
			"+ region score (2: job regionCode and a preferredRegion are prefixes of one another; 1: same county as the record's regionCode) − 1; both scores must be ≥ 1",
		Fit:              "minAge ≤ age ≤ maxAge; education ≥ minEducation in feed order; requiredSkills ⊆ skills; physicalDemand ≤ capacity (HEAVY: age ≤ 45 and disabilityGrade none or ≥ 9; MEDIUM: age ≤ 55 and grade none or ≥ 7; else LIGHT)",
		Order:            "grade descending, salaryMax descending, job order; at most capPerSeeker lines per seeker",
		Crosswalk:        map[string][]string{},
		SkillOccupations: map[string][]string{},
	}
	for _, s := range specialties {
		jm.Crosswalk[s.name] = occCodes(s.occs)
	}
	for _, s := range skillTable {
		jm.SkillOccupations[s.name] = occCodes(s.occs)
	}
	return jm
}

func occCodes(occs []int) []string {
	out := make([]string, len(occs))
	for i, o := range occs {
		out[i] = occupations[o].code
	}
	return out
}
