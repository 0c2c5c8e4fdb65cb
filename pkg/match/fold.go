package match

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Folded text uses three markers between words: ' ' separates words, '-'
// separates hyphen-joined words and ',' marks a comma.
const (
	markSpace  = ' '
	markHyphen = '-'
	markComma  = ','
)

// Transliterate returns s as lower-case Latin letters and digits, words
// separated by single spaces: other scripts are transliterated (Cyrillic,
// Greek, Arabic, Persian, Korean Hangul and Chinese characters), diacritics
// are removed, apostrophes are joined out and other punctuation separates
// words. Letters of scripts without a table are kept, lower-cased. It never
// fails: invalid UTF-8 bytes are treated as separators.
func Transliterate(s string) string {
	text, _ := fold(s)
	return strings.Join(strings.FieldsFunc(text, isMark), " ")
}

func isMark(r rune) bool {
	return r == markSpace || r == markHyphen || r == markComma
}

// fold is Transliterate keeping the hyphen and comma markers. It also
// reports, for each word in order, whether any of its letters came from
// Arabic script, where short vowels are normally not written.
func fold(s string) (string, []bool) {
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, " ")
	}
	if !isASCII(s) {
		s = norm.NFKD.String(romanizeEarly(s))
	}
	var f folder
	f.out = make([]byte, 0, len(s)+4)
	rs := shaddaFirst([]rune(s))
	for i := 0; i < len(rs); i++ {
		i += f.rune(rs[i], peek(rs, i+1))
	}
	f.endWord()
	return string(f.out), f.arabicWords
}

func peek(rs []rune, i int) rune {
	if i < len(rs) {
		return rs[i]
	}
	return 0
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// romanizeEarly replaces what must be handled before canonical
// decomposition: Hangul syllables (which decomposition would split into
// jamo), Chinese characters (each becomes a separate word) and precomposed
// Cyrillic letters such as й, whose breve decomposition would strip.
func romanizeEarly(s string) string {
	var b strings.Builder
	b.Grow(len(s) + 8)
	for _, r := range s {
		switch {
		case isHangulSyllable(r):
			b.WriteByte(markSpace)
			b.WriteString(hangulSyllable(r))
			b.WriteByte(markSpace)
		case isHan(r):
			writeHan(&b, r)
		case isCyrillic(r):
			writeCyrillic(&b, r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

func isCyrillic(r rune) bool { return r >= 0x0400 && r <= 0x052F }

func writeCyrillic(b *strings.Builder, r rune) {
	if t, ok := cyrillic[unicode.ToLower(r)]; ok {
		b.WriteString(t)
		return
	}
	b.WriteRune(r)
}

// folder accumulates folded output and the little context that
// transliteration rules need.
type folder struct {
	out     []byte
	wordLen int    // letters in the current word
	segLen  int    // letters since the word start or an abbreviation dot
	last    string // last consonant emitted, for Arabic shadda

	inArabic    bool   // the current word has Arabic-script letters
	arabicWords []bool // per finished word
}

// endWord records the finished word, if any.
func (f *folder) endWord() {
	if f.wordLen > 0 {
		f.arabicWords = append(f.arabicWords, f.inArabic)
	}
	f.inArabic = false
}

// rune folds r given the next rune and returns 1 when it consumed the next
// rune as part of a digraph, 0 otherwise.
func (f *folder) rune(r, next rune) int {
	if r < utf8.RuneSelf {
		f.ascii(byte(r), next)
		return 0
	}
	switch {
	case apostrophes[r]:
	case dashes[r]:
		f.mark(markHyphen)
	case isArabic(r):
		f.arabic(r, next)
	case isGreek(r):
		return f.greek(r, next)
	case unicode.Is(unicode.Mn, r):
	default:
		f.other(r)
	}
	return 0
}

func (f *folder) ascii(c byte, next rune) {
	switch {
	case c >= 'A' && c <= 'Z':
		f.letters(string(c + 'a' - 'A'))
	case c >= 'a' && c <= 'z' || c >= '0' && c <= '9':
		f.letters(string(c))
	case c == '\'' || c == '`':
	case c == '.' && f.segLen == 1 && isLetter(next):
		// Abbreviation: "S.A." -> "sa", "G.L.G." -> "glg".
		f.segLen = 0
	case c == ',':
		f.mark(markComma)
	case c == '-':
		f.mark(markHyphen)
	case c == '&':
		f.mark(markSpace)
		f.letters("and")
		f.mark(markSpace)
	default:
		f.mark(markSpace)
	}
}

func isLetter(r rune) bool { return r != 0 && unicode.IsLetter(r) }

// other folds a non-ASCII rune outside the Arabic and Greek blocks.
func (f *folder) other(r rune) {
	lr := unicode.ToLower(r)
	switch {
	case latinSpecial[lr] != "":
		f.letters(latinSpecial[lr])
	case isCyrillic(lr):
		if t, ok := cyrillic[lr]; ok {
			f.letters(t)
		}
	case unicode.IsLetter(lr):
		f.letters(string(lr))
	case unicode.IsDigit(lr):
		f.digit(lr)
	default:
		f.mark(markSpace)
	}
}

// digit folds decimal digits of other scripts to ASCII when their value is
// known, and keeps them otherwise.
func (f *folder) digit(r rune) {
	for _, zero := range []rune{0x0660, 0x06F0, 0x0966} {
		if r >= zero && r <= zero+9 {
			f.letters(string('0' + (r - zero)))
			return
		}
	}
	f.letters(string(r))
}

func (f *folder) letters(s string) {
	f.out = append(f.out, s...)
	f.wordLen += len(s)
	f.segLen += len(s)
}

// mark ends the current word with a marker. A comma or hyphen replaces a
// preceding space; runs of markers collapse to the strongest one.
func (f *folder) mark(m byte) {
	f.endWord()
	f.wordLen, f.segLen = 0, 0
	f.last = ""
	n := len(f.out)
	if n == 0 {
		return
	}
	switch prev := f.out[n-1]; {
	case !isMarkByte(prev):
		f.out = append(f.out, m)
	case markRank(m) > markRank(prev):
		f.out[n-1] = m
	}
}

func isMarkByte(c byte) bool { return c == markSpace || c == markHyphen || c == markComma }

func markRank(c byte) int {
	switch c {
	case markComma:
		return 2
	case markHyphen:
		return 1
	}
	return 0
}

func isGreek(r rune) bool {
	return r >= 0x0370 && r <= 0x03FF || r >= 0x1F00 && r <= 0x1FFF
}

// greek folds a Greek letter, joining a following letter when the two form
// a digraph; it returns 1 when it consumed next.
func (f *folder) greek(r, next rune) int {
	lr, ln := unicode.ToLower(r), unicode.ToLower(next)
	if t, ok := greekPairs[string([]rune{lr, ln})]; ok {
		f.letters(t)
		return 1
	}
	if t, ok := greek[lr]; ok {
		f.letters(t)
		return 0
	}
	f.other(r)
	return 0
}

func isArabic(r rune) bool {
	return r >= 0x0600 && r <= 0x06FF || r >= 0x0750 && r <= 0x077F
}

// arabic folds an Arabic-script letter or mark.
func (f *folder) arabic(r, next rune) {
	f.inArabic = true
	if r == arabicShadda {
		f.letters(f.last)
		return
	}
	if g, ok := arabicGlides[r]; ok {
		f.glide(g)
		return
	}
	if t, ok := arabic[r]; ok {
		f.letters(t)
		if c := consonantOrEmpty(t); c != "" || !unicode.Is(unicode.Mn, r) {
			f.last = c
		}
		return
	}
	f.other(r)
}

// glide emits the consonant form at the start of a word or after a vowel,
// and the vowel form elsewhere.
func (f *folder) glide(g [2]string) {
	if f.wordLen == 0 || endsWithVowel(f.out) {
		f.letters(g[0])
		f.last = g[0]
		return
	}
	f.letters(g[1])
	f.last = ""
}

func endsWithVowel(b []byte) bool {
	if len(b) == 0 {
		return false
	}
	return strings.IndexByte("aeiou", b[len(b)-1]) >= 0
}

func consonantOrEmpty(t string) string {
	if t == "" || strings.IndexByte("aeiou", t[0]) >= 0 {
		return ""
	}
	return t
}

// shaddaFirst moves an Arabic shadda in front of the short-vowel marks that
// canonical ordering puts before it, so that it directly follows the
// consonant it doubles. It works in place.
func shaddaFirst(rs []rune) []rune {
	for i := 1; i < len(rs); i++ {
		for j := i; j > 0 && rs[j] == arabicShadda && isHaraka(rs[j-1]); j-- {
			rs[j], rs[j-1] = rs[j-1], rs[j]
		}
	}
	return rs
}

func isHaraka(r rune) bool { return r >= 0x064B && r <= 0x0650 }
