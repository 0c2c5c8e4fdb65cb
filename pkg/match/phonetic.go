package match

// Phonetic forms of a folded token, tolerant of common transliteration
// variation. Both come from the same sound classes:
//
//   - digraphs are reduced: kh, gh, ck -> K; ph -> F; th, dh -> T;
//     sh, ch, sch, tch, tsch -> S; zh, dj, dzh -> J;
//   - consonants are grouped: b p -> P; f v -> F; c g k q -> K;
//     d t z -> T; x -> K S; l, m, n, r, s, j stand alone;
//   - vowels are grouped: a; e i y -> i; o u w and the digraphs ou, eo, eu
//     -> u; h is silent except at the start of a word.
//
// The key (phoneticKey) keeps only the consonant classes, marks a word that
// starts with a vowel or h with a leading 'A', and collapses repeats even
// across dropped vowels (Qadhafi, Gaddafi, Ghathafi, Kadafi -> KTF). It is
// a retrieval key and a gate: the scorer compares the canonical spellings
// (canonical) of two tokens only when their keys are equal. The canonical
// spelling keeps vowel classes and a leading H, collapsing only adjacent
// repeats (Qadhafi -> KaTaFi, Jeong and Jong -> JuNK).
//
// Digits are kept, and bytes outside ASCII are kept unchanged, so tokens of
// other scripts still get a (literal) key.

// phoneticKey returns the consonant skeleton of s (see above).
func phoneticKey(s string) string {
	var buf [24]byte
	return string(skeleton(buf[:0], s, false))
}

// canonical appends the canonical spelling of s to buf.
func canonical(buf []byte, s string) []byte {
	return skeleton(buf, s, true)
}

func skeleton(out []byte, s string, vowels bool) []byte {
	start := len(out)
	for i := 0; i < len(s); {
		c, n := soundAt(s, i)
		first := i == 0
		i += n
		switch {
		case c == 'X':
			out = appendSound(out, start, 'K')
			out = appendSound(out, start, 'S')
		case !isVowelClass(c):
			out = appendSound(out, start, c)
		case first && !vowels:
			out = append(out, 'A')
		case first && c == 'h':
			out = append(out, 'H')
		case vowels && c != 'h':
			out = appendSound(out, start, c)
		}
	}
	return out
}

// appendSound appends c unless it repeats the last byte written after
// start. In a key, vowels are never written, so consonant repeats collapse
// across them.
func appendSound(out []byte, start int, c byte) []byte {
	if len(out) > start && out[len(out)-1] == c {
		return out
	}
	return append(out, c)
}

func isVowelClass(c byte) bool { return c == 'a' || c == 'i' || c == 'u' || c == 'h' }

// digraphs are checked longest first at each position.
var digraphs = []struct {
	s     string
	sound byte
}{
	{"tsch", 'S'}, {"sch", 'S'}, {"tch", 'S'}, {"dzh", 'J'},
	{"kh", 'K'}, {"gh", 'K'}, {"ck", 'K'}, {"ph", 'F'}, {"th", 'T'},
	{"dh", 'T'}, {"sh", 'S'}, {"ch", 'S'}, {"zh", 'J'}, {"dj", 'J'},
	{"ou", 'u'}, {"eo", 'u'}, {"eu", 'u'},
}

// letterSound maps ASCII lower-case letters a..z to sound classes:
// upper-case letters are consonant classes, lower-case ones vowel classes.
const letterSound = "aPKTiFKhiJKLMNuPKRSTuFuXiT"

// soundAt returns the sound class starting at s[i] and its length in bytes.
func soundAt(s string, i int) (byte, int) {
	for _, d := range digraphs {
		if len(s)-i >= len(d.s) && s[i:i+len(d.s)] == d.s {
			return d.sound, len(d.s)
		}
	}
	c := s[i]
	if c >= 'a' && c <= 'z' {
		return letterSound[c-'a'], 1
	}
	return c, 1
}
