package synth

import (
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"

	"github.com/vethub/vethub/refdata"
)

// countyParams are the per-county parameters that are not in refdata:
// population share, the ID address codes of people registered elsewhere,
// and how many are.
type countyParams struct {
	share          float64  // of the generated population
	elsewhere      []string // other counties' GB/T 2260 codes seen in ID numbers
	elsewhereShare float64
	employerPlace  string // how local company names start
	wageFactor     float64
}

// seedCounties are the four seed places. 坪山区 was carved out of 龙岗区 in
// 2009–2017 and is full of migrants: many ID numbers there carry 440307
// (龙岗) or a code from 梅州, 揭阳, 河源 or Hunan, because an address code
// never changes after it is issued.
var seedCounties = map[string]countyParams{
	"330824": {
		share: 0.22, elsewhereShare: 0.05, employerPlace: "开化县", wageFactor: 0.95,
		elsewhere: []string{"330881", "330802", "330803", "330822", "361123"},
	},
	"341103": {
		share: 0.20, elsewhereShare: 0.08, employerPlace: "滁州市", wageFactor: 0.85,
		elsewhere: []string{"341102", "341122", "341124", "341126", "340104"},
	},
	"440310": {
		share: 0.30, elsewhereShare: 0.45, employerPlace: "深圳市", wageFactor: 1.35,
		elsewhere: []string{"440307", "440307", "441481", "441423", "445281", "441621", "430524"},
	},
	"421281": {
		share: 0.28, elsewhereShare: 0.06, employerPlace: "赤壁市", wageFactor: 0.8,
		elsewhere: []string{"421202", "421223", "421221", "420106", "430682"},
	},
}

const (
	maxVillages  = 30 // village codes run 001..030 within a township
	roadsPerTown = 8
)

// county is a seed county with its townships.
type county struct {
	idx           int
	code, name    string
	prov, pref    string // names of the province and prefecture
	dibao         float64
	params        countyParams
	towns         []*township
	townPick      weighted
	elsewherePick weighted
}

// township is a township-level division with invented villages and roads.
type township struct {
	code, name string
	county     *county
	urban      bool // a 街道 (codes 001–099): communities and roads, no 村民小组
	villages   []string
	roads      [roadsPerTown]string
}

// loadCounties builds the seed counties from refdata, in code order of the
// table, with the given 低保 standards.
func loadCounties(dibao map[string]float64) ([]*county, error) {
	regions, err := refdata.Regions()
	if err != nil {
		return nil, err
	}
	byCode := make(map[string]refdata.Region, len(regions))
	for _, r := range regions {
		byCode[r.Code] = r
	}
	var out []*county
	idx := map[string]*county{}
	for _, r := range regions {
		p, ok := seedCounties[r.Code]
		if r.Level != "county" || !ok {
			continue
		}
		std, ok := dibao[r.Code]
		if !ok {
			return nil, fmt.Errorf("synth: no 低保 standard for county %s %s", r.Code, r.Name)
		}
		pref := byCode[r.ParentCode]
		c := &county{idx: len(out), code: r.Code, name: r.Name, prov: byCode[pref.ParentCode].Name,
			pref: pref.Name, dibao: std, params: p}
		c.elsewherePick = newWeighted(ones(len(p.elsewhere))...)
		out = append(out, c)
		idx[r.Code] = c
	}
	for _, r := range regions {
		if c := idx[r.ParentCode]; c != nil && r.Level == "township" {
			c.towns = append(c.towns, newTownship(r, c))
		}
	}
	for _, c := range out {
		if len(c.towns) == 0 {
			return nil, fmt.Errorf("synth: county %s has no townships in refdata", c.code)
		}
		ws := make([]float64, len(c.towns))
		for i, t := range c.towns {
			ws[i] = townWeight(t.code)
		}
		c.townPick = newWeighted(ws...)
	}
	if len(out) != len(seedCounties) {
		return nil, fmt.Errorf("synth: found %d of %d seed counties in refdata", len(out), len(seedCounties))
	}
	return out, nil
}

// townWeight favours streets and towns over parks, farms and zones.
func townWeight(code string) float64 {
	n, _ := strconv.Atoi(code[6:9])
	switch {
	case n < 100:
		return 1.5
	case n < 200:
		return 1
	case n < 400:
		return 0.6
	}
	return 0.15
}

// Characters for invented place names.
const (
	placeChars = "上下东西南北大小新石桥塘坑岭溪田山湾坞口源坪洞湖港河庄园林竹枫桃高龙马金青云水泉梅茶花松柏杨樟凤麻白沙黄安和丰乐长平兴富"
	roadChars  = "人民建设解放中山和平文化幸福光明振兴朝阳东风红旗新华胜利团结育才青年前进友谊环城"
)

// newTownship invents villages and roads from a generator seeded by the
// code alone, so place names do not change with Config.Seed.
func newTownship(r refdata.Region, c *county) *township {
	code, _ := strconv.ParseUint(r.Code, 10, 64)
	rng := rand.New(rand.NewPCG(code, 0x5eed))
	n, _ := strconv.Atoi(r.Code[6:9])
	t := &township{code: r.Code, name: r.Name, county: c, urban: n < 100}
	pc, rc := []rune(placeChars), []rune(roadChars)
	suffix := "村"
	if t.urban {
		suffix = "社区"
	}
	seen := map[string]bool{}
	for len(t.villages) < 8+int(code%(maxVillages-7)) {
		v := string(pc[rng.IntN(len(pc))]) + string(pc[rng.IntN(len(pc))]) + suffix
		if !seen[v] {
			seen[v] = true
			t.villages = append(t.villages, v)
		}
	}
	roadSuffix := []string{"路", "街", "大道", "巷"}
	for i := range t.roads {
		j := rng.IntN(len(rc)/2) * 2
		t.roads[i] = string(rc[j:j+2]) + roadSuffix[rng.IntN(len(roadSuffix))]
	}
	return t
}

func ones(n int) []float64 {
	ws := make([]float64, n)
	for i := range ws {
		ws[i] = 1
	}
	return ws
}

// home is where a person lives (or, after noise, is said to live).
type home struct {
	town     *township
	village  uint8  // 1-based index into town.villages
	group    uint8  // 村民小组 (rural)
	road     uint8  // index into town.roads (urban)
	house    uint16 // house number
	building uint8  // urban
	room     uint16 // urban
}

// drawHome draws a home in county c.
func drawHome(r *rand.Rand, c *county) home {
	return drawHomeIn(r, c.towns[c.townPick.pick(r)])
}

func drawHomeIn(r *rand.Rand, t *township) home {
	return home{
		town:     t,
		village:  uint8(1 + r.IntN(len(t.villages))),
		group:    uint8(between(r, 1, 12)),
		road:     uint8(r.IntN(roadsPerTown)),
		house:    uint16(between(r, 1, 320)),
		building: uint8(between(r, 1, 28)),
		room:     uint16(between(r, 1, 32)*100 + between(r, 1, 6)),
	}
}

// Address styles: departments write the same address differently.
const (
	styleFull       = iota // 浙江省衢州市开化县华埠镇…
	styleNoProvince        // 衢州市开化县华埠镇…
	styleCounty            // 开化县华埠镇…
	styleTownship          // 华埠镇…
	styleCompact           // 开化县华埠镇… with 12-3-501 numbers and no 村/社区
	numStyles
)

// appendAddress writes h in the given style.
func appendAddress(b []byte, h home, style int) []byte {
	t := h.town
	c := t.county
	switch style {
	case styleFull:
		b = append(append(b, c.prov...), c.pref...)
		b = append(b, c.name...)
	case styleNoProvince:
		b = append(append(b, c.pref...), c.name...)
	case styleCounty, styleCompact:
		b = append(b, c.name...)
	}
	b = append(b, t.name...)
	v := t.villages[h.village-1]
	if style == styleCompact {
		v = strings.TrimSuffix(strings.TrimSuffix(v, "村"), "社区")
	}
	b = append(b, v...)
	if !t.urban {
		b = strconv.AppendInt(b, int64(h.group), 10)
		b = append(b, "组"...)
		b = strconv.AppendInt(b, int64(h.house), 10)
		return append(b, "号"...)
	}
	b = append(b, t.roads[h.road]...)
	b = strconv.AppendInt(b, int64(h.house), 10)
	if style == styleCompact {
		b = append(b, '-')
		b = strconv.AppendInt(b, int64(h.building), 10)
		b = append(b, '-')
		return strconv.AppendInt(b, int64(h.room), 10)
	}
	b = append(b, "号"...)
	b = strconv.AppendInt(b, int64(h.building), 10)
	b = append(b, "栋"...)
	b = strconv.AppendInt(b, int64(h.room), 10)
	return append(b, "室"...)
}

// Region code granularities a record may carry.
const (
	grainTownship = iota
	grainVillage
	grainCounty
)

// appendRegion writes h's region code at the given granularity.
func appendRegion(b []byte, h home, grain int) []byte {
	switch grain {
	case grainCounty:
		return append(b, h.town.county.code...)
	case grainVillage:
		b = append(b, h.town.code...)
		return appendPadded(b, uint64(h.village), 3)
	}
	return append(b, h.town.code...)
}
