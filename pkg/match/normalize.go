package match

import "strings"

// MaxTokens is the number of tokens of a name that Normalize keeps; the
// rest are dropped. Real party names have far fewer.
const MaxTokens = 32

// TokenKind classifies a token for weighting.
type TokenKind uint8

// Token kinds. Only words carry full weight.
const (
	// KindWord is an ordinary name word.
	KindWord TokenKind = iota
	// KindParticle is a name particle or function word (bin, abu, de, of).
	KindParticle
	// KindHonorific is a title or rank (Mr, Dr, Sheikh, General).
	KindHonorific
	// KindLegalForm is a company legal form (LLC, OOO, GmbH, Co., Ltd.).
	KindLegalForm
)

var kindNames = [...]string{"word", "particle", "honorific", "legal-form"}

// String returns "word", "particle", "honorific" or "legal-form".
func (k TokenKind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "unknown"
}

// Token is one word of a normalised name.
type Token struct {
	// Text is the folded word: lower-case Latin letters and digits, with a
	// separated Arabic article merged in ("al qaddafi" -> "alqaddafi").
	Text string
	// Core is Text without an Arabic article or abd- prefix, when at least
	// four letters remain ("alqaddafi" -> "qaddafi"); otherwise Text.
	Core string
	// Key is the phonetic skeleton of Core (see phoneticKey).
	Key string
	// Kind says how much the token weighs.
	Kind TokenKind
	// Unvocalised is set for a word written in Arabic script, which omits
	// short vowels: such a token is compared by its consonants.
	Unvocalised bool
}

// Name is a normalised name.
type Name struct {
	// Tokens in written order.
	Tokens []Token
	// Split is the number of tokens written before a comma in the
	// "SURNAME, Given" form; 0 when there is no such comma. Both sides of
	// the comma hold at least one word.
	Split int
}

// Normalize folds, transliterates and tokenises s, merges Arabic articles
// into the following word, and classifies legal forms, honorifics and
// particles. It never fails; an empty or punctuation-only s gives a Name
// with no tokens.
func Normalize(s string) Name {
	raw, split := tokenize(fold(s))
	toks, split := mergeArticles(raw, split)
	classify(toks)
	if !wordsOnBothSides(toks, split) {
		split = 0
	}
	return Name{Tokens: toks, Split: split}
}

// String returns the token texts joined by single spaces, in written order.
func (n Name) String() string {
	return joinTexts(n.Tokens)
}

// GivenFirst returns the name with the part after the comma moved to the
// front ("QADHAFI, Muammar" -> "muammar qadhafi"). Without a comma it
// returns n unchanged.
func (n Name) GivenFirst() Name {
	if n.Split == 0 {
		return n
	}
	toks := make([]Token, 0, len(n.Tokens))
	toks = append(toks, n.Tokens[n.Split:]...)
	toks = append(toks, n.Tokens[:n.Split]...)
	return Name{Tokens: toks}
}

func joinTexts(toks []Token) string {
	var b strings.Builder
	for i, t := range toks {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(t.Text)
	}
	return b.String()
}

// rawToken is a folded word, whether a hyphen follows it and whether it
// was written in Arabic script.
type rawToken struct {
	text   string
	hyphen bool
	arabic bool
}

// tokenize splits folded text on markers. split is the number of tokens
// before the first comma that follows a token, or 0. arabic flags the words
// written in Arabic script, in order.
func tokenize(folded string, arabic []bool) (toks []rawToken, split int) {
	start := -1
	for i := 0; i <= len(folded); i++ {
		if i < len(folded) && !isMarkByte(folded[i]) {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 && len(toks) < MaxTokens {
			toks = append(toks, rawToken{text: folded[start:i], arabic: flagAt(arabic, len(toks))})
		}
		start = -1
		if i < len(folded) && len(toks) > 0 {
			split = noteMarker(toks, folded[i], split)
		}
	}
	return toks, split
}

func flagAt(flags []bool, i int) bool { return i < len(flags) && flags[i] }

// noteMarker records the marker that follows the last token.
func noteMarker(toks []rawToken, m byte, split int) int {
	switch m {
	case markHyphen:
		toks[len(toks)-1].hyphen = true
	case markComma:
		if split == 0 {
			split = len(toks)
		}
	}
	return split
}

// mergeArticles joins an Arabic article to the word after it and computes
// each token's core. split is adjusted for merged tokens.
func mergeArticles(raw []rawToken, split int) ([]Token, int) {
	toks := make([]Token, 0, len(raw))
	newSplit := 0
	for i := 0; i < len(raw); i++ {
		if i == split && split > 0 {
			newSplit = len(toks)
		}
		if i+1 < len(raw) && i+1 != split && isArticle(raw[i]) {
			toks = append(toks, Token{Text: raw[i].text + raw[i+1].text, Core: raw[i+1].text,
				Unvocalised: raw[i].arabic || raw[i+1].arabic})
			i++
			continue
		}
		toks = append(toks, Token{Text: raw[i].text, Core: stripPrefix(raw[i].text), Unvocalised: raw[i].arabic})
	}
	if split >= len(raw) {
		newSplit = 0
	}
	return toks, newSplit
}

func isArticle(t rawToken) bool {
	return lex.article[t.text] || t.hyphen && lex.assimilated[t.text]
}

// stripPrefix removes a joined article or abd- prefix when enough remains.
func stripPrefix(w string) string {
	for _, p := range joinedPrefixes {
		if len(w)-len(p) >= minCoreLen && strings.HasPrefix(w, p) {
			return w[len(p):]
		}
	}
	return w
}

// classify sets Kind and Key on every token.
func classify(toks []Token) {
	for i := 0; i < len(toks); {
		if n := legalPhraseAt(toks, i); n > 0 {
			for j := i; j < i+n; j++ {
				toks[j].Kind = KindLegalForm
			}
			i += n
			continue
		}
		toks[i].Kind = singleKind(toks[i].Text)
		i++
	}
	for i := range toks {
		toks[i].Key = phoneticKey(toks[i].Core)
	}
}

// legalPhraseAt returns the length of the longest multi-word legal form
// starting at toks[i], or 0.
func legalPhraseAt(toks []Token, i int) int {
	for _, p := range lex.legalMulti {
		if phraseMatches(toks[i:], p) {
			return len(p)
		}
	}
	return 0
}

func phraseMatches(toks []Token, p []string) bool {
	if len(toks) < len(p) {
		return false
	}
	for j, w := range p {
		if toks[j].Text != w {
			return false
		}
	}
	return true
}

func singleKind(w string) TokenKind {
	switch {
	case lex.legal[w]:
		return KindLegalForm
	case lex.honorific[w]:
		return KindHonorific
	case lex.particle[w]:
		return KindParticle
	}
	return KindWord
}

// wordsOnBothSides reports whether both parts of a comma split hold a word.
func wordsOnBothSides(toks []Token, split int) bool {
	if split <= 0 || split >= len(toks) {
		return false
	}
	return hasWord(toks[:split]) && hasWord(toks[split:])
}

func hasWord(toks []Token) bool {
	for _, t := range toks {
		if t.Kind == KindWord {
			return true
		}
	}
	return false
}
