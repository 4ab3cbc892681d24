package fs

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
)

// population makes n people and up to three records of each with the
// kinds of errors departments make, plus each record's true person.
func population(n int, seed uint64) ([]Record, []string) {
	r := rand.New(rand.NewPCG(seed, 1))
	surnames := []string{"王", "李", "张", "刘", "陈", "杨", "赵", "黄"}
	givens := []string{"伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "涛", "明", "超"}
	homophone := map[string]string{"伟": "维", "芳": "方", "静": "晶", "丽": "莉", "洋": "阳", "明": "铭"}
	var recs []Record
	var truth []string
	for p := range n {
		given := givens[r.IntN(len(givens))] + givens[r.IntN(len(givens))]
		name := surnames[r.IntN(len(surnames))] + given
		birth := fmt.Sprintf("19%02d-%02d-%02d", 40+r.IntN(60), 1+r.IntN(12), 1+r.IntN(28))
		first17 := fmt.Sprintf("330824%s%03d", birth[0:4]+birth[5:7]+birth[8:10], r.IntN(1000))
		id := first17 + string(checkChar(first17))
		phone := fmt.Sprintf("13%09d", r.IntN(1e9))
		region := fmt.Sprintf("330824%03d%03d", 100+r.IntN(10), 1+r.IntN(20))
		for d, dept := range []string{"VETERAN", "CIVIL", "HEALTH"} {
			if d > 0 && r.IntN(3) == 0 {
				continue
			}
			rec := Record{ID: int64(len(recs)), Source: dept, Name: name, IDNumber: id, IDValid: true,
				Sex: "M", Birth: birth, Phone: phone, Region: region, Address: "浙江省衢州市开化县" + region[6:9] + "号"}
			switch r.IntN(5) {
			case 0:
				rec.IDNumber, rec.IDValid = "", false
			case 1:
				b := []byte(id)
				b[10] = '0' + (b[10]-'0'+1)%10
				rec.IDNumber, rec.IDValid = string(b), false
			}
			if r.IntN(4) == 0 {
				for k, v := range homophone {
					if len(given) >= 3 && given[:3] == k {
						rec.Name = name[:3] + v + given[3:]
					}
				}
			}
			recs = append(recs, rec)
			truth = append(truth, fmt.Sprint(p))
		}
	}
	return recs, truth
}

func checkChar(first17 string) byte {
	weights := []int{7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2}
	sum := 0
	for i, w := range weights {
		sum += int(first17[i]-'0') * w
	}
	return "10X98765432"[sum%11]
}

func TestLinkFindsPeopleWithoutFalseMerges(t *testing.T) {
	recs, truth := population(3000, 7)
	res := Link(recs, Options{Train: TrainOptions{Seed: 1}})
	s := Evaluate(res.Person, truth)
	t.Logf("%d records: precision %.4f recall %.4f, %d pairs compared, blocking recall %.4f",
		len(recs), s.Precision, s.Recall, res.Blocking.Pairs, BlockingRecall(res.Pairs, truth))
	if s.Precision < 0.998 || s.Recall < 0.98 {
		t.Fatalf("precision %.4f recall %.4f (false merges %d, split %d)", s.Precision, s.Recall, s.FalseMerges, s.MissedPersons)
	}
}

func TestLinkDeterministic(t *testing.T) {
	recs, _ := population(500, 3)
	a := Link(recs, Options{Train: TrainOptions{Seed: 9}})
	b := Link(recs, Options{Train: TrainOptions{Seed: 9}})
	if !slices.Equal(a.Person, b.Person) {
		t.Fatal("two runs over the same records disagree")
	}
}

func TestNeverTwoValidIDsInOnePerson(t *testing.T) {
	// Same name, birth, phone and address: only the valid ID numbers differ
	// (twins registered at one address). They must stay apart.
	base := Record{Name: "王伟", Sex: "M", Birth: "1980-01-01", Phone: "13800000000", Region: "330824106001", Address: "开化县1号"}
	a, b := base, base
	a.ID, a.IDNumber, a.IDValid = 0, "330824198001011235", true
	b.ID, b.IDNumber, b.IDValid = 1, "330824198001011251", true
	recs := []Record{a, b}
	for i := range 40 { // enough other people to train on
		more, _ := population(1, uint64(i))
		for _, m := range more {
			m.ID = int64(len(recs))
			recs = append(recs, m)
		}
	}
	res := Link(recs, Options{Train: TrainOptions{Seed: 1}})
	if res.Person[0] == res.Person[1] {
		t.Fatal("two different valid ID numbers were merged")
	}
}

// Decisions by a person win over the model: a pair decided apart stays
// apart however alike, a pair decided together is joined however unalike.
func TestDecisionsKept(t *testing.T) {
	recs, _ := population(300, 4)
	twin := recs[0]
	twin.ID = int64(len(recs))
	stranger := Record{ID: int64(len(recs) + 1), Name: "欧阳修", Birth: "1911-11-11", Region: "341103100001"}
	recs = append(recs, twin, stranger)
	plain := Link(recs, Options{Train: TrainOptions{Seed: 1}})
	if plain.Person[0] != plain.Person[twin.ID] || plain.Person[0] == plain.Person[stranger.ID] {
		t.Fatal("without decisions the twin should join record 0 and the stranger not")
	}
	decided := Link(recs, Options{Train: TrainOptions{Seed: 1},
		CannotLink: [][2]int64{{recs[0].ID, twin.ID}}, MustLink: [][2]int64{{recs[0].ID, stranger.ID}}})
	if decided.Person[0] == decided.Person[twin.ID] || decided.Person[0] != decided.Person[stranger.ID] {
		t.Fatalf("decisions ignored: persons %d, twin %d, stranger %d",
			decided.Person[0], decided.Person[twin.ID], decided.Person[stranger.ID])
	}
}
