package synth

// occupation is a 国家职业分类大典 2022 occupation with what job postings for
// it look like.
type occupation struct {
	code     string
	name     string
	titles   []string
	industry string  // how employers in the trade name themselves
	skills   [][]int // alternative required-skill sets (indexes into skillTable); nil entry = none
	minEdu   []uint8
	ages     [][2]int
	demand   []uint8
	salary   [2]float64 // typical monthly range in yuan before the county factor
	weight   float64    // share of postings
}

// Occupation indexes into occupations.
const (
	occFreightDriver = iota
	occSecurity
	occFireOperator
	occRescue
	occCook
	occElectrician
	occWarehouse
	occLoader
	occCourier
	occBusDriver
	occProgrammer
)

var occupations = []occupation{
	{"4-02-02-02", "道路货运汽车驾驶员", []string{"货车司机", "重型货车驾驶员", "物流配送司机"}, "物流有限公司",
		[][]int{{skA2}, {skB2}, {skA2}}, []uint8{eduJuniorHigh}, [][2]int{{22, 55}, {25, 50}},
		[]uint8{demandMedium, demandHeavy}, [2]float64{6000, 11000}, 0.14},
	{"4-07-05-01", "保安员", []string{"保安员", "安保队长", "门岗保安", "巡逻队员"}, "保安服务有限公司",
		[][]int{nil, {skGuard}, {skGuard}}, []uint8{eduJuniorHigh, eduSeniorHigh}, [][2]int{{18, 55}, {18, 60}, {20, 45}},
		[]uint8{demandLight, demandMedium}, [2]float64{3200, 6500}, 0.20},
	{"4-07-05-04", "消防设施操作员", []string{"消防控制室值班员", "消防设施操作员", "消防维保技术员"}, "消防技术服务有限公司",
		[][]int{{skFire}, {skFire}, nil}, []uint8{eduSeniorHigh, eduVocational}, [][2]int{{18, 50}, {20, 45}},
		[]uint8{demandLight}, [2]float64{4000, 7500}, 0.07},
	{"3-02-03-08", "应急救援员", []string{"应急救援队员", "专职救援员", "森林消防队员"}, "应急救援服务有限公司",
		[][]int{nil, {skRescue}}, []uint8{eduSeniorHigh, eduJuniorHigh}, [][2]int{{18, 40}, {18, 35}},
		[]uint8{demandHeavy}, [2]float64{4500, 8000}, 0.04},
	{"4-03-02-01", "中式烹调师", []string{"厨师", "食堂厨师", "中餐厨师", "帮厨"}, "餐饮管理有限公司",
		[][]int{nil, {skCook}}, []uint8{eduPrimary, eduJuniorHigh}, [][2]int{{20, 55}, {18, 50}},
		[]uint8{demandMedium}, [2]float64{4000, 9000}, 0.10},
	{"6-29-03-02", "电气设备安装工", []string{"电工", "电气安装工", "维修电工", "水电工"}, "电气工程有限公司",
		[][]int{{skElectric}, {skElectric}}, []uint8{eduJuniorHigh, eduVocational, eduSeniorHigh}, [][2]int{{20, 50}, {22, 55}},
		[]uint8{demandMedium}, [2]float64{5000, 10000}, 0.10},
	{"4-02-06-01", "仓储管理员", []string{"仓库管理员", "仓储主管", "库管员"}, "供应链管理有限公司",
		[][]int{nil, {skForklift}}, []uint8{eduSeniorHigh, eduJuniorHigh, eduCollege}, [][2]int{{20, 50}, {22, 45}},
		[]uint8{demandLight, demandMedium}, [2]float64{4000, 7500}, 0.10},
	{"4-02-05-01", "装卸搬运工", []string{"装卸工", "搬运工", "分拣装卸员"}, "物流有限公司",
		[][]int{nil}, []uint8{eduPrimary, eduJuniorHigh}, [][2]int{{18, 50}, {18, 45}},
		[]uint8{demandHeavy}, [2]float64{3500, 7000}, 0.08},
	{"4-02-07-08", "快递员", []string{"快递员", "快递派送员", "同城配送员"}, "快递服务有限公司",
		[][]int{nil, {skC1}}, []uint8{eduJuniorHigh}, [][2]int{{18, 45}, {18, 50}},
		[]uint8{demandMedium}, [2]float64{4500, 9000}, 0.10},
	{"4-02-02-01", "道路客运汽车驾驶员", []string{"客车驾驶员", "公交车司机", "通勤班车司机"}, "公共交通有限公司",
		[][]int{{skA1}, {skA1}}, []uint8{eduJuniorHigh, eduSeniorHigh}, [][2]int{{25, 55}, {25, 50}},
		[]uint8{demandMedium}, [2]float64{5500, 9500}, 0.04},
	{"4-04-05-01", "计算机程序设计员", []string{"软件开发工程师", "程序员", "运维开发工程师"}, "科技有限公司",
		[][]int{nil, {skSoftware}}, []uint8{eduCollege, eduBachelor}, [][2]int{{20, 40}, {22, 35}},
		[]uint8{demandLight}, [2]float64{7000, 12000}, 0.03},
}

// Skill indexes into skillTable.
const (
	skA1 = iota
	skA2
	skB2
	skC1
	skElectric
	skGuard
	skFire
	skCook
	skForklift
	skRescue
	skSoftware
	skWelder
)

// skillTable lists the certificates veterans hold and the occupations each
// qualifies for (a secondary occupation match in job grading).
var skillTable = []struct {
	name string
	occs []int
}{
	{"机动车驾驶证A1", []int{occBusDriver, occFreightDriver}},
	{"机动车驾驶证A2", []int{occFreightDriver}},
	{"机动车驾驶证B2", []int{occFreightDriver}},
	{"机动车驾驶证C1", []int{occCourier}},
	{"电工证", []int{occElectrician}},
	{"保安员证", []int{occSecurity}},
	{"消防设施操作员证", []int{occFireOperator}},
	{"中式烹调师证", []int{occCook}},
	{"叉车证", []int{occWarehouse, occLoader}},
	{"应急救援员证", []int{occRescue}},
	{"软件设计师证", []int{occProgrammer}},
	{"焊工证", nil},
}

// specialty is a military specialty with the civilian occupations it
// prepares for (vethub's curated crosswalk; there is no official table) and
// the certificates its holders often earn.
type specialty struct {
	name   string
	occs   []int
	skills []int
	weight float64
}

var specialties = []specialty{
	{"汽车驾驶", []int{occFreightDriver, occBusDriver, occCourier}, []int{skA2, skB2, skA1}, 0.16},
	{"通信", []int{occElectrician, occProgrammer}, []int{skElectric}, 0.10},
	{"炊事", []int{occCook}, []int{skCook}, 0.08},
	{"卫生", []int{occRescue}, []int{skRescue}, 0.06},
	{"工程机械", []int{occElectrician, occLoader}, []int{skElectric, skForklift, skWelder}, 0.08},
	{"警卫", []int{occSecurity}, []int{skGuard}, 0.10},
	{"消防", []int{occFireOperator, occRescue}, []int{skFire, skRescue}, 0.07},
	{"步兵", []int{occSecurity, occRescue}, []int{skGuard}, 0.18},
	{"侦察", []int{occSecurity}, []int{skGuard}, 0.05},
	{"修理", []int{occElectrician}, []int{skElectric, skWelder}, 0.05},
	{"仓储保管", []int{occWarehouse, occLoader}, []int{skForklift}, 0.04},
	{"计算机网络", []int{occProgrammer}, []int{skSoftware}, 0.03},
}

// icd is an ICD-10 code with its prevalence by age band (<40, 40–59, ≥60).
type icd struct {
	code string
	prev [3]float64
}

// chronicTable holds the chronic conditions recorded by health.
var chronicTable = []icd{
	{"I10", [3]float64{0.03, 0.20, 0.40}}, // hypertension
	{"E11", [3]float64{0.01, 0.08, 0.15}}, // type 2 diabetes
	{"E78", [3]float64{0.04, 0.12, 0.18}}, // hyperlipidaemia
	{"I25", [3]float64{0.002, 0.03, 0.10}},
	{"J44", [3]float64{0.001, 0.02, 0.08}}, // COPD
	{"M17", [3]float64{0.005, 0.05, 0.15}}, // knee osteoarthritis
	{"I48", [3]float64{0, 0.005, 0.03}},    // atrial fibrillation
	{"K29", [3]float64{0.03, 0.04, 0.05}},  // gastritis
}

// seriousTable holds the 大病 codes with relative weights; sex restricts
// the ones that need it ('F' breast cancer).
var seriousTable = []struct {
	code   string
	weight float64
	sex    byte
}{
	{"C34", 3, 0}, {"C16", 2, 0}, {"C22", 2, 0}, {"C18", 1.5, 0}, {"C50", 1.5, 'F'},
	{"N18.5", 1.5, 0}, {"I63", 3, 0}, {"I61", 1, 0}, {"I21", 1.5, 0}, {"F20", 1, 0},
}

// temporaryAssistance reasons as civil affairs records them.
var aidReasons = []string{"突发重大疾病", "意外事故", "火灾", "洪涝灾害", "生活必需支出突然增加", "子女就学困难", "遭遇交通事故"}
