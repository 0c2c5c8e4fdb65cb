package match

import "strings"

// The lexicon is data: which normalised words are legal forms, honorifics
// or particles, and which prefixes are Arabic articles. Edit these lists to
// tune the engine; the code only reads them. All entries are written in the
// folded form (lower-case Latin, no punctuation) that Normalize produces.

// legalFormPhrases are company legal forms and organisational boilerplate.
// Multi-word phrases are matched greedily, longest first, on token
// boundaries. Their tokens are kept but carry a small weight.
var legalFormPhrases = []string{
	// English and common-law.
	"llc", "l l c", "llp", "lp", "ltd", "limited", "co", "company", "corp",
	"corporation", "inc", "incorporated", "plc", "pte", "pvt", "pty", "jv",
	"limited liability company", "limited liability partnership",
	"joint stock company", "closed joint stock company",
	"open joint stock company", "public joint stock company",
	"private limited", "public limited company", "holding", "holdings",
	// Russian and CIS (transliterated abbreviations and spelt-out forms).
	"ooo", "oao", "zao", "pao", "ao", "jsc", "ojsc", "cjsc", "pjsc", "tov",
	"chp", "fgup", "gup", "mup", "nko", "ip", "tdo", "kft", "zrt", "nyrt",
	"obshchestvo s ogranichennoi otvetstvennostyu",
	"obshchestvo s ogranichennoy otvetstvennostyu",
	"aktsionernoe obshchestvo", "otkrytoe aktsionernoe obshchestvo",
	"zakrytoe aktsionernoe obshchestvo", "publichnoe aktsionernoe obshchestvo",
	"tovarystvo z obmezhenoiu vidpovidalnistiu",
	// Continental Europe.
	"gmbh", "mbh", "ag", "kg", "co kg", "gmbh co kg", "ug", "ev", "sa", "s a",
	"sas", "sarl", "s a r l", "srl", "s r l", "spa", "s p a", "sl", "s l",
	"bv", "b v", "nv", "n v", "as", "asa", "ab", "oy", "oyj", "aps", "sro",
	"s r o", "doo", "d o o", "dd", "ad", "ead", "sp z o o", "spzoo", "sp",
	"zoo", "kda", "sapi",
	// Latin America.
	"ltda", "sa de cv", "s a de c v", "s de rl", "s de r l", "s de rl de cv",
	"s de r l de c v", "sa de c v", "cv", "eirl", "sac", "saa", "sacv",
	// Middle East, Asia.
	"fze", "fzco", "fzc", "fz llc", "fzllc", "fz", "wll", "w l l", "est",
	"sdn bhd", "sdn", "bhd", "tbk", "pt", "kk", "kabushiki kaisha",
	"jusikhoesa", "ju sik hoe sa", "you xian gong si", "youxian gongsi",
	"gu fen you xian gong si", "gufen youxian gongsi", "gong si", "gongsi",
	"sirketi", "limited sirketi", "anonim sirketi", "ticaret",
	"sherkat", "sherkate", "sahami khass", "sahami aam", "sahamie khass",
}

// honorifics are titles and ranks that precede or follow personal names.
var honorifics = []string{
	"mr", "mrs", "ms", "miss", "dr", "doctor", "prof", "professor", "sir",
	"dame", "lord", "hon", "honourable", "honorable", "he", "excellency",
	"general", "gen", "lt", "lieutenant", "col", "colonel", "maj", "major",
	"capt", "captain", "cmdr", "commander", "adm", "admiral", "brig",
	"brigadier", "sgt", "sergeant", "marshal",
	"sheikh", "shaykh", "sheik", "shaikh", "cheikh", "haji", "hajji",
	"hadji", "hajj", "mullah", "mulla", "mawlawi", "maulvi", "maulana",
	"mawlana", "imam", "qari", "ustadh", "ustad",
}

// particles are short function words: Arabic kinship and name particles
// and Western articles and prepositions. They are kept with a reduced
// weight because they carry little identity on their own.
var particles = []string{
	"bin", "ibn", "ben", "bint", "binti", "bn", "abu", "abou", "abo", "um",
	"umm", "ould", "walad", "abd", "abdul", "abdel", "abdal", "abdol",
	"abdur", "abdus", "abdu",
	"and", "of", "the", "for", "in", "on", "at", "de", "del", "della", "dei",
	"di", "da", "do", "dos", "das", "du", "des", "la", "le", "les", "los",
	"las", "lo", "van", "von", "der", "den", "ter", "y", "e", "et", "und",
}

// articlePrefixes are the forms of the Arabic article. "al", "el" and "ul"
// are merged with the following token whether written apart, hyphenated or
// joined ("AL QADDAFI", "AL-QADDAFI" and "ALQADDAFI" all give the token
// "alqaddafi" with core "qaddafi").
var articlePrefixes = []string{"al", "el", "ul"}

// assimilatedArticles are sun-letter forms of the article ("ad-Din",
// "ar-Rahman", "as-Sayyid"). They are merged only when hyphenated, because
// written apart they collide with ordinary words and legal forms ("AS").
var assimilatedArticles = []string{
	"ad", "adh", "an", "ar", "as", "ash", "at", "ath", "az", "ud", "un", "ur",
	"us", "ut", "uz",
}

// joinedPrefixes are stripped from the front of a single token to form its
// core when at least minCoreLen letters remain ("abdulrahman" -> "rahman",
// "elkaddafi" -> "kaddafi"). Longest first.
var joinedPrefixes = []string{
	"abdul", "abdel", "abdal", "abdol", "abdur", "abdus", "abdar", "al",
	"el", "ul",
}

// minCoreLen is the shortest core left after stripping a joined prefix.
const minCoreLen = 4

// lexicon is the compiled, read-only form of the lists above.
type lexicon struct {
	legal       map[string]bool
	legalMulti  [][]string // phrases of two or more tokens, longest first
	honorific   map[string]bool
	particle    map[string]bool
	article     map[string]bool
	assimilated map[string]bool
}

// lex is built once at package initialisation and never modified.
var lex = buildLexicon()

func buildLexicon() *lexicon {
	l := &lexicon{
		legal:       map[string]bool{},
		honorific:   setOf(honorifics),
		particle:    setOf(particles),
		article:     setOf(articlePrefixes),
		assimilated: setOf(assimilatedArticles),
	}
	for _, p := range legalFormPhrases {
		words := strings.Fields(p)
		if len(words) == 1 {
			l.legal[words[0]] = true
			continue
		}
		l.legalMulti = append(l.legalMulti, words)
	}
	sortLongestFirst(l.legalMulti)
	return l
}

func setOf(words []string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

// sortLongestFirst orders phrases by decreasing word count (stable).
func sortLongestFirst(ps [][]string) {
	for i := 1; i < len(ps); i++ {
		for j := i; j > 0 && len(ps[j]) > len(ps[j-1]); j-- {
			ps[j], ps[j-1] = ps[j-1], ps[j]
		}
	}
}
