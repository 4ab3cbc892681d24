package hardship

// labels name the feed's enum values for explanations, by feed key and
// value, in Chinese and English. A value without a label prints as is.
var labels = map[string]map[string][numLangs]string{
	"entitledGroups": {
		"DISABLED_SERVICEMAN":    {"残疾军人", "disabled serviceman"},
		"MARTYR_SURVIVOR":        {"烈士遗属", "martyr's survivor"},
		"DUTY_DEATH_SURVIVOR":    {"因公牺牲军人遗属", "survivor of a serviceman who died on duty"},
		"ILLNESS_DEATH_SURVIVOR": {"病故军人遗属", "survivor of a serviceman who died of illness"},
		"WAR_VETERAN":            {"参战退役军人", "war veteran"},
		"NUCLEAR_TEST_VETERAN":   {"参试退役军人", "nuclear test veteran"},
		"DEMOBILIZED_SOLDIER":    {"在乡复员军人", "demobilised soldier"},
		"ILL_RETURNED_SOLDIER":   {"带病回乡退伍军人", "soldier returned home ill"},
		"RURAL_VETERAN_OVER_60":  {"60周岁以上农村籍退役士兵", "rural veteran over 60"},
		"ACTIVE_DUTY_FAMILY":     {"现役军人家属", "family of a serviceman on active duty"},
	},
	"dischargeMode": {
		"SELF_EMPLOYMENT": {"自主就业", "self-employment"},
		"ASSIGNED_JOB":    {"安排工作", "assigned job"},
		"RETIREMENT":      {"退休", "retirement"},
		"STATE_SUPPORT":   {"供养", "state support"},
		"MONTHLY_PENSION": {"逐月领取退役金", "monthly pension"},
		"DEMOBILIZATION":  {"复员", "demobilisation"},
		"TRANSFER":        {"转业", "transfer"},
	},
	"employmentStatus": {
		"EMPLOYED":      {"就业", "employed"},
		"SELF_EMPLOYED": {"自主创业", "self-employed"},
		"FLEXIBLE":      {"灵活就业", "in flexible work"},
		"UNEMPLOYED":    {"失业", "unemployed"},
		"RETIRED":       {"退休", "retired"},
		"STUDENT":       {"在读", "a student"},
	},
	"dibaoStatus": {
		"NONE":      {"未享受低保", "not receiving dibao"},
		"APPLIED":   {"低保申请中", "dibao applied for"},
		"RECEIVING": {"享受低保", "receiving dibao"},
		"STOPPED":   {"低保已停发", "dibao stopped"},
	},
	"functionalDisability": {
		"NONE":     {"无失能", "no functional disability"},
		"MILD":     {"轻度失能", "mild functional disability"},
		"MODERATE": {"中度失能", "moderate functional disability"},
		"SEVERE":   {"重度失能", "severe functional disability"},
	},
	"disabilityCause": {
		"COMBAT":  {"因战", "in combat"},
		"DUTY":    {"因公", "on duty"},
		"ILLNESS": {"因病", "through illness"},
	},
	"maritalStatus": {
		"SINGLE":   {"未婚", "single"},
		"MARRIED":  {"已婚", "married"},
		"DIVORCED": {"离异", "divorced"},
		"WIDOWED":  {"丧偶", "widowed"},
	},
}

// label names value of the feed key in language l.
func label(key, value string, l lang) string {
	if ls, ok := labels[key][value]; ok {
		return ls[l]
	}
	return value
}
