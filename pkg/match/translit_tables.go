package match

// Transliteration tables, read-only. Keys are lower-case letters.

// cyrillic follows BGN/PCGN for Russian, with the extra letters of
// Ukrainian, Belarusian, Serbian, Macedonian and Kazakh. Precomposed letters
// (й, ё, ї) are listed because transliteration runs before decomposition.
var cyrillic = map[rune]string{
	'а': "a", 'б': "b", 'в': "v", 'г': "g", 'д': "d", 'е': "e", 'ё': "e",
	'ж': "zh", 'з': "z", 'и': "i", 'й': "y", 'к': "k", 'л': "l", 'м': "m",
	'н': "n", 'о': "o", 'п': "p", 'р': "r", 'с': "s", 'т': "t", 'у': "u",
	'ф': "f", 'х': "kh", 'ц': "ts", 'ч': "ch", 'ш': "sh", 'щ': "shch",
	'ъ': "", 'ы': "y", 'ь': "", 'э': "e", 'ю': "yu", 'я': "ya",
	// Ukrainian, Belarusian.
	'і': "i", 'ї': "yi", 'є': "ye", 'ґ': "g", 'ў': "u",
	// Serbian, Macedonian.
	'ђ': "dj", 'ј': "j", 'љ': "lj", 'њ': "nj", 'ћ': "c", 'џ': "dz",
	'ѓ': "gj", 'ќ': "kj", 'ѕ': "dz",
	// Kazakh, Kyrgyz, Tajik, Uzbek.
	'ә': "a", 'ғ': "gh", 'қ': "q", 'ң': "ng", 'ө': "o", 'ұ': "u", 'ү': "u",
	'һ': "h", 'ҳ': "h", 'ҷ': "j", 'ӣ': "i", 'ӯ': "u", 'ҡ': "k",
}

// greekPairs are Greek digraphs with a conventional single rendering
// (ELOT 743 simplified); they are tried before single letters.
var greekPairs = map[string]string{
	"ου": "ou", "αυ": "av", "ευ": "ev", "ηυ": "iv", "γγ": "ng", "γξ": "nx",
	"γχ": "nch",
}

// greek maps single letters; accents are removed by decomposition first.
var greek = map[rune]string{
	'α': "a", 'β': "v", 'γ': "g", 'δ': "d", 'ε': "e", 'ζ': "z", 'η': "i",
	'θ': "th", 'ι': "i", 'κ': "k", 'λ': "l", 'μ': "m", 'ν': "n", 'ξ': "x",
	'ο': "o", 'π': "p", 'ρ': "r", 'σ': "s", 'ς': "s", 'τ': "t", 'υ': "y",
	'φ': "f", 'χ': "ch", 'ψ': "ps", 'ω': "o", 'ϐ': "v", 'ϑ': "th",
	'ϕ': "f", 'ϲ': "s",
}

// arabic maps Arabic, Persian and Urdu letters. Short-vowel marks (harakat)
// give their vowel when present; alif, waw and ya give vowels or glides
// depending on position (see arabicLetter). Ayin is rendered "a", hamza is
// dropped, and shadda doubles the preceding consonant.
var arabic = map[rune]string{
	'ا': "a", 'أ': "a", 'إ': "i", 'آ': "a", 'ٱ': "a", 'ء': "", 'ؤ': "u",
	'ئ': "i", 'ب': "b", 'ت': "t", 'ث': "th", 'ج': "j", 'ح': "h", 'خ': "kh",
	'د': "d", 'ذ': "dh", 'ر': "r", 'ز': "z", 'س': "s", 'ش': "sh", 'ص': "s",
	'ض': "d", 'ط': "t", 'ظ': "z", 'ع': "a", 'غ': "gh", 'ف': "f", 'ق': "q",
	'ك': "k", 'ل': "l", 'م': "m", 'ن': "n", 'ه': "h", 'ة': "a", 'ى': "a",
	// Persian and Urdu.
	'پ': "p", 'چ': "ch", 'ژ': "zh", 'گ': "g", 'ک': "k", 'ٹ': "t", 'ڈ': "d",
	'ڑ': "r", 'ں': "n", 'ہ': "h", 'ھ': "h", 'ۃ': "a", 'ے': "e",
	// Harakat and other marks.
	'\u064e': "a", '\u064f': "u", '\u0650': "i", '\u064b': "", '\u064c': "",
	'\u064d': "", '\u0652': "", '\u0640': "", '\u0670': "a",
}

// arabicGlides are letters that are a consonant at the start of a word or
// after a vowel, and a long vowel elsewhere.
var arabicGlides = map[rune][2]string{
	'و': {"w", "u"}, 'ي': {"y", "i"}, 'ی': {"y", "i"}, 'ې': {"y", "e"},
}

// arabicShadda doubles the preceding consonant.
const arabicShadda = '\u0651'

// latinSpecial covers Latin letters that canonical decomposition does not
// reduce to ASCII.
var latinSpecial = map[rune]string{
	'ß': "ss", 'æ': "ae", 'œ': "oe", 'ø': "o", 'ł': "l", 'đ': "d", 'ð': "d",
	'þ': "th", 'ı': "i", 'ħ': "h", 'ŋ': "n", 'ĸ': "k", 'ſ': "s", 'ŀ': "l",
	'ƒ': "f", 'ǝ': "e", 'ə': "e", 'ɨ': "i", 'ʉ': "u",
}

// hangulInitial, hangulMedial and hangulFinal are the Revised Romanization
// of Korean jamo in Unicode order; a precomposed syllable is
// 0xAC00 + (initial*21 + medial)*28 + final.
var (
	hangulInitial = [19]string{
		"g", "kk", "n", "d", "tt", "r", "m", "b", "pp", "s", "ss", "", "j",
		"jj", "ch", "k", "t", "p", "h",
	}
	hangulMedial = [21]string{
		"a", "ae", "ya", "yae", "eo", "e", "yeo", "ye", "o", "wa", "wae",
		"oe", "yo", "u", "wo", "we", "wi", "yu", "eu", "ui", "i",
	}
	hangulFinal = [28]string{
		"", "k", "k", "k", "n", "n", "n", "t", "l", "k", "m", "l", "l", "l",
		"p", "l", "m", "p", "p", "t", "t", "ng", "t", "t", "k", "t", "p", "t",
	}
)

// apostrophes are joined out of words ("Mu'ammar" -> "muammar").
var apostrophes = map[rune]bool{
	'\'': true, '`': true, '´': true, 'ʹ': true, 'ʻ': true, 'ʼ': true,
	'ʽ': true, 'ʾ': true, 'ʿ': true, '‘': true, '’': true, '‛': true,
	'′': true, '＇': true,
}

// dashes separate words but mark them as hyphen-joined.
var dashes = map[rune]bool{
	'-': true, '‐': true, '‑': true, '‒': true, '–': true, '—': true,
	'―': true, '−': true, '﹣': true, '－': true,
}
