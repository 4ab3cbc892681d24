package tabular

import (
	"fmt"
	"math/rand/v2"
	"strings"
)

// A FEBRL-like population: people with Latin names, addresses, birth
// dates and social security numbers, and duplicates with the errors of
// FEBRL's generator (typing errors, missing values, swapped digits).

var (
	givenNames = []string{"james", "john", "robert", "michael", "william", "david", "richard", "joseph",
		"thomas", "charles", "mary", "patricia", "jennifer", "linda", "elizabeth", "barbara", "susan",
		"jessica", "sarah", "karen", "lachlan", "chloe", "isabella", "olivia", "mia", "jack", "oliver",
		"noah", "ethan", "liam", "emily", "grace", "ruby", "zoe", "lucas", "harrison", "samuel", "benjamin"}
	surnames = []string{"smith", "jones", "williams", "brown", "wilson", "taylor", "johnson", "white",
		"martin", "anderson", "thompson", "nguyen", "thomas", "walker", "harris", "lee", "ryan",
		"robinson", "kelly", "king", "davis", "wright", "evans", "roberts", "green", "hall", "wood",
		"jackson", "clarke", "campbell", "mitchell", "hughes", "edwards", "turner", "murphy", "baker",
		"cook", "morris", "price", "bell", "bailey", "cooper", "richardson", "cox", "howard", "ward"}
	streets = []string{"miller street", "george street", "king street", "church street", "high street",
		"victoria road", "main road", "park avenue", "elizabeth street", "william street", "railway parade",
		"station street", "queen street", "bridge road", "hill street", "water street", "mount street"}
	suburbs = []string{"parramatta", "randwick", "bondi", "manly", "chatswood", "hornsby", "penrith",
		"liverpool", "blacktown", "campbelltown", "gosford", "newcastle", "wollongong", "dubbo",
		"bathurst", "orange", "tamworth", "albury", "wagga wagga", "armidale", "goulburn", "cessnock"}
	states = []string{"nsw", "vic", "qld", "wa", "sa", "tas", "act"}
)

var febrlColumns = []string{"rec_id", "org_id", "given_name", "surname", "street_number", "address_1",
	"suburb", "postcode", "state", "date_of_birth", "soc_sec_id"}

// person draws one original record.
func person(r *rand.Rand, n int) []string {
	return []string{fmt.Sprintf("rec-%d-org", n), fmt.Sprintf("org-%d", n),
		pick(r, givenNames), pick(r, surnames), fmt.Sprint(1 + r.IntN(200)), pick(r, streets),
		pick(r, suburbs), fmt.Sprintf("%04d", 2000+r.IntN(900)), pick(r, states),
		fmt.Sprintf("19%02d%02d%02d", 20+r.IntN(80), 1+r.IntN(12), 1+r.IntN(28)),
		fmt.Sprintf("%07d", r.IntN(10_000_000))}
}

// duplicate copies an original with one to three errors.
func duplicate(r *rand.Rand, org []string, k int) []string {
	dup := append([]string(nil), org...)
	dup[0] = strings.Replace(org[0], "org", fmt.Sprintf("dup-%d", k), 1)
	for range 1 + r.IntN(3) {
		c := 2 + r.IntN(len(dup)-2) // not the ids
		switch r.IntN(6) {
		case 0:
			dup[c] = "" // missing
		case 1:
			dup[c] = swapAdjacent(r, dup[c])
		default:
			dup[c] = typo(r, dup[c])
		}
	}
	return dup
}

// typo substitutes, inserts or deletes one character.
func typo(r *rand.Rand, s string) string {
	if s == "" {
		return s
	}
	i := r.IntN(len(s))
	letter := string(rune('a' + r.IntN(26)))
	if s[0] >= '0' && s[0] <= '9' {
		letter = fmt.Sprint(r.IntN(10))
	}
	switch r.IntN(3) {
	case 0:
		return s[:i] + letter + s[i+1:]
	case 1:
		return s[:i] + letter + s[i:]
	}
	return s[:i] + s[i+1:]
}

func swapAdjacent(r *rand.Rand, s string) string {
	if len(s) < 2 {
		return s
	}
	i := r.IntN(len(s) - 1)
	b := []byte(s)
	b[i], b[i+1] = b[i+1], b[i]
	return string(b)
}

func pick(r *rand.Rand, xs []string) string { return xs[r.IntN(len(xs))] }

// febrlDedupe is one file of n originals, a third of them with one to
// three duplicates, shuffled.
func febrlDedupe(n int, seed uint64) *Table {
	r := rand.New(rand.NewPCG(seed, 4))
	var rows [][]string
	for p := range n {
		org := person(r, p)
		rows = append(rows, org)
		if r.IntN(3) == 0 {
			for k := range 1 + r.IntN(3) {
				rows = append(rows, duplicate(r, org, k))
			}
		}
	}
	r.Shuffle(len(rows), func(i, j int) { rows[i], rows[j] = rows[j], rows[i] })
	return newTable("dedupe.csv", rows)
}

// febrlLink is two files, as FEBRL's dataset 4: n originals in the left
// one, and in the right one a duplicate of each of half of them plus as
// many other people.
func febrlLink(n int, seed uint64) (left, right *Table) {
	r := rand.New(rand.NewPCG(seed, 5))
	var a, b [][]string
	for p := range n {
		org := person(r, p)
		a = append(a, org)
		if p%2 == 0 {
			b = append(b, duplicate(r, org, 0))
		} else {
			b = append(b, person(r, n+p))
		}
	}
	r.Shuffle(len(b), func(i, j int) { b[i], b[j] = b[j], b[i] })
	return newTable("a.csv", a), newTable("b.csv", b)
}

func newTable(name string, rows [][]string) *Table {
	t := &Table{Name: name, Columns: febrlColumns, Rows: rows}
	for i := range rows {
		t.Lines = append(t.Lines, i+2)
	}
	return t
}
