package synth

import "math/rand/v2"

// namer draws realistic Chinese names: surnames by frequency, given names of
// one or two characters from cohort-dependent pools, so that common names
// collide as they do in real registries.
type namer struct {
	surname                        weighted
	singleM, singleF, charM, charF weighted
	oldM, oldF, youngM, youngF     weighted
}

func newNamer() *namer {
	ws := make([]float64, len(surnames))
	for i, s := range surnames {
		ws[i] = s.weight
	}
	z := func(list []string) weighted { return newWeighted(zipfWeights(len(list), 4)...) }
	return &namer{
		surname: newWeighted(ws...),
		singleM: z(singleMale), singleF: z(singleFemale),
		charM: z(maleChars), charF: z(femaleChars),
		oldM: z(oldEraMale), oldF: z(oldEraFemale),
		youngM: z(youngEraMale), youngF: z(youngEraFemale),
	}
}

func (n *namer) given(r *rand.Rand, male bool, birthYear int) string {
	mid := birthYear >= 1960 && birthYear <= 1995
	pSingle := 0.12
	if mid {
		pSingle = 0.28
	}
	switch {
	case chance(r, pSingle):
		return pickSex(r, male, singleMale, singleFemale, n.singleM, n.singleF)
	case birthYear < 1970 && chance(r, 0.4):
		return pickSex(r, male, oldEraMale, oldEraFemale, n.oldM, n.oldF)
	case birthYear > 1995 && chance(r, 0.4):
		return pickSex(r, male, youngEraMale, youngEraFemale, n.youngM, n.youngF)
	}
	a := pickSex(r, male, maleChars, femaleChars, n.charM, n.charF)
	b := pickSex(r, male, maleChars, femaleChars, n.charM, n.charF)
	return a + b
}

func pickSex(r *rand.Rand, male bool, m, f []string, wm, wf weighted) string {
	if male {
		return m[wm.pick(r)]
	}
	return f[wf.pick(r)]
}
