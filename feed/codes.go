package feed

// Error codes: a FieldError in Result.Errors carries one of these.
const (
	CodeInvalidJSON           = "INVALID_JSON"            // the line is not a JSON object in UTF-8
	CodeInvalidType           = "INVALID_TYPE"            // a key holds the wrong JSON type
	CodeRequired              = "REQUIRED"                // a required key is absent, null or blank
	CodeTooLong               = "TOO_LONG"                // a text exceeds its length limit
	CodeInvalidDate           = "INVALID_DATE"            // not a real date in the form YYYY-MM-DD
	CodeOutOfRange            = "OUT_OF_RANGE"            // a number or date outside its range or order
	CodeInvalidIDNumber       = "INVALID_ID_NUMBER"       // not shaped like an ID number at all
	CodeInvalidEnum           = "INVALID_ENUM"            // not one of the allowed values
	CodeInvalidRegion         = "INVALID_REGION"          // not a 6, 9 or 12 digit code of a known province
	CodeInvalidPhone          = "INVALID_PHONE"           // neither a mobile nor a landline number
	CodeInvalidMoney          = "INVALID_MONEY"           // negative, not finite, or over 1e10 yuan
	CodeInvalidOccupationCode = "INVALID_OCCUPATION_CODE" // not D-DD-DD-DD
	CodeInvalidICD10          = "INVALID_ICD10_CODE"      // not an ICD-10 code
)

// Warning codes: a FieldError in Result.Warnings carries one of these.
const (
	CodeIDCheckCharacter = "ID_CHECK_CHARACTER" // ID number kept, but its check character is wrong
	CodeIDBirthDate      = "ID_BIRTH_DATE"      // ID number kept, but its birth date is not real
	CodeIDLegacyUpgraded = "ID_LEGACY_UPGRADED" // a 15-digit ID number was upgraded to 18
	CodeIDMismatch       = "ID_MISMATCH"        // sex or birthDate contradicts a valid ID number
)
