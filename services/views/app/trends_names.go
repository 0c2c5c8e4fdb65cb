package app

import (
	"strings"
	"unicode"
)

// Parties are grouped by exact normalised names: two spellings are the
// same party when PartyKey gives them the same key. It does not match
// transliteration variants or typos; that is the matching engine's job.

// latinFolds spells upper-case Latin letters with diacritics, and a few
// ligatures, in plain ASCII.
var latinFolds = strings.NewReplacer(
	"ß", "SS", "Æ", "AE", "Œ", "OE", "Ø", "O", "Ł", "L", "Đ", "D", "Ð", "D", "Þ", "TH", "Ħ", "H", "ẞ", "SS",
	"À", "A", "Á", "A", "Â", "A", "Ã", "A", "Ä", "A", "Å", "A", "Ā", "A", "Ă", "A", "Ą", "A", "Ǎ", "A",
	"Ç", "C", "Ć", "C", "Ĉ", "C", "Ċ", "C", "Č", "C", "Ď", "D",
	"È", "E", "É", "E", "Ê", "E", "Ë", "E", "Ē", "E", "Ĕ", "E", "Ė", "E", "Ę", "E", "Ě", "E",
	"Ĝ", "G", "Ğ", "G", "Ġ", "G", "Ģ", "G", "Ĥ", "H",
	"Ì", "I", "Í", "I", "Î", "I", "Ï", "I", "Ĩ", "I", "Ī", "I", "Ĭ", "I", "Į", "I", "İ", "I", "Ǐ", "I",
	"Ĵ", "J", "Ķ", "K", "Ĺ", "L", "Ļ", "L", "Ľ", "L", "Ŀ", "L",
	"Ñ", "N", "Ń", "N", "Ņ", "N", "Ň", "N",
	"Ò", "O", "Ó", "O", "Ô", "O", "Õ", "O", "Ö", "O", "Ō", "O", "Ŏ", "O", "Ő", "O", "Ǒ", "O",
	"Ŕ", "R", "Ŗ", "R", "Ř", "R", "Ś", "S", "Ŝ", "S", "Ş", "S", "Š", "S", "Ș", "S",
	"Ţ", "T", "Ť", "T", "Ț", "T",
	"Ù", "U", "Ú", "U", "Û", "U", "Ü", "U", "Ũ", "U", "Ū", "U", "Ŭ", "U", "Ů", "U", "Ű", "U", "Ų", "U", "Ǔ", "U",
	"Ŵ", "W", "Ý", "Y", "Ÿ", "Y", "Ŷ", "Y", "Ź", "Z", "Ż", "Z", "Ž", "Z",
)

// legalForms are company-form words left out of party keys.
var legalForms = map[string]bool{
	"LTD": true, "LIMITED": true, "LLC": true, "LLP": true, "CO": true, "COMPANY": true,
	"CORP": true, "CORPORATION": true, "INC": true, "INCORPORATED": true, "PLC": true,
	"GMBH": true, "AG": true, "KG": true, "FZE": true, "FZCO": true, "FZC": true, "FZ": true,
	"JSC": true, "OJSC": true, "CJSC": true, "PJSC": true, "OOO": true, "ZAO": true, "OAO": true,
	"SA": true, "SARL": true, "SAS": true, "SRL": true, "SPA": true, "BV": true, "NV": true,
	"PTE": true, "PVT": true, "SDN": true, "BHD": true,
}

// PartyKey normalises a party name for grouping: upper case, Latin
// diacritics removed, dots and apostrophes dropped ("S.A." is "SA"), any
// other run of punctuation or space made one space, and legal-form words
// (LTD, LLC, CO, GMBH, FZE, JSC, OOO, SA, INC, ...) left out unless the
// name is nothing else. "Al-Nour Trading Co., Ltd." and "AL NOUR TRADING"
// have the same key. It returns "" for a name with no letters or digits.
func PartyKey(name string) string {
	words := strings.FieldsFunc(foldName(name), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	kept := make([]string, 0, len(words))
	for _, w := range words {
		if !legalForms[w] {
			kept = append(kept, w)
		}
	}
	if len(kept) == 0 {
		kept = words
	}
	return strings.Join(kept, " ")
}

// foldName upper-cases s, folds Latin diacritics (precomposed, or as
// combining marks, which are dropped) and removes dots and apostrophes.
func foldName(s string) string {
	s = latinFolds.Replace(strings.ToUpper(s))
	return strings.Map(func(r rune) rune {
		switch {
		case r == '.' || r == '\'' || r == '’' || unicode.Is(unicode.Mn, r):
			return -1
		}
		return r
	}, s)
}
