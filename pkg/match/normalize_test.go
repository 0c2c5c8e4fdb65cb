package match

import (
	"slices"
	"testing"
)

func TestTransliterate(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"cyrillic", "Муаммар Каддафи", "muammar kaddafi"},
		{"cyrillic short i", "Сергей Лавров", "sergey lavrov"},
		{"ukrainian", "Олександр Ющенко", "oleksandr yushchenko"},
		{"greek accents", "Σπύρος", "spyros"},
		{"greek digraphs", "Ευάγγελος Παπαδόπουλος", "evangelos papadopoulos"},
		{"arabic unvocalised", "معمر القذافي", "mamr alqdhafi"},
		{"arabic with harakat and shadda", "مُحَمَّد", "muhammad"},
		{"arabic glides", "وليد سيف", "wlid sif"},
		{"persian letters", "پژمان", "pzhman"},
		{"arabic-indic digits", "٢٠٢٤", "2024"},
		{"chinese pinyin", "金正恩", "jin zheng en"},
		{"chinese company", "丹东有限公司", "dan dong you xian gong si"},
		{"korean hangul", "김정은", "gim jeong eun"},
		{"hangul final consonants", "박한솔", "bak han sol"},
		{"latin diacritics", "Müller Ñandú Çelik", "muller nandu celik"},
		{"latin special letters", "Łódź Straße Ærø", "lodz strasse aero"},
		{"compatibility forms", "Ｆｕｌｌ ﬁnance", "full finance"},
		{"apostrophes join", "Mu'ammar Sa’id", "muammar said"},
		{"punctuation separates", "ANGLO-CARIBBEAN CO., LTD.", "anglo caribbean co ltd"},
		{"abbreviation dots join", "G.L.G. S.A.", "glg sa"},
		{"ampersand", "A&B", "a and b"},
		{"invalid utf-8", "ab\xffcd", "ab cd"},
		{"only punctuation", "--- ,,, ...", ""},
		{"unsupported script kept", "שלום", "שלום"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Transliterate(tt.in); got != tt.want {
				t.Errorf("Transliterate(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestArabicTransliterationIsCloseToLatin(t *testing.T) {
	got := Transliterate("معمر القذافي")
	if s := jaroWinkler(got, "muammar alqadhafi"); s < 0.8 {
		t.Errorf("%q vs %q: Jaro-Winkler %.2f, want >= 0.8", got, "muammar alqadhafi", s)
	}
}

// tok is a compact description of a token for table tests.
type tok struct {
	text, core string
	kind       TokenKind
}

func tokensOf(n Name) []tok {
	out := make([]tok, len(n.Tokens))
	for i, t := range n.Tokens {
		out[i] = tok{t.Text, t.Core, t.Kind}
	}
	return out
}

func TestNormalize(t *testing.T) {
	W, P, H, L := KindWord, KindParticle, KindHonorific, KindLegalForm
	tests := []struct {
		in         string
		want       []tok
		split      int
		givenFirst string
	}{
		{"QADHAFI, Muammar", []tok{{"qadhafi", "qadhafi", W}, {"muammar", "muammar", W}}, 1, "muammar qadhafi"},
		{"EL-QADDAFI, Muammar", []tok{{"elqaddafi", "qaddafi", W}, {"muammar", "muammar", W}}, 1, "muammar elqaddafi"},
		{"AL QADDAFI", []tok{{"alqaddafi", "qaddafi", W}}, 0, "alqaddafi"},
		{"ALQADDAFI", []tok{{"alqaddafi", "qaddafi", W}}, 0, "alqaddafi"},
		{"ELKADDAFI", []tok{{"elkaddafi", "kaddafi", W}}, 0, "elkaddafi"},
		{"ALI", []tok{{"ali", "ali", W}}, 0, "ali"},
		{"GADDAFI, Mu'ammar", []tok{{"gaddafi", "gaddafi", W}, {"muammar", "muammar", W}}, 1, "muammar gaddafi"},
		{"BIN LADIN, Usama", []tok{{"bin", "bin", P}, {"ladin", "ladin", W}, {"usama", "usama", W}}, 2, "usama bin ladin"},
		{"Abd al-Rahman", []tok{{"abd", "abd", P}, {"alrahman", "rahman", W}}, 0, "abd alrahman"},
		{"ABDULRAHMAN", []tok{{"abdulrahman", "rahman", W}}, 0, "abdulrahman"},
		{"Salah ad-Din", []tok{{"salah", "salah", W}, {"addin", "din", W}}, 0, "salah addin"},
		{"NORSK AS", []tok{{"norsk", "norsk", W}, {"as", "as", L}}, 0, "norsk as"},
		{"ANGLO-CARIBBEAN CO., LTD.", []tok{{"anglo", "anglo", W}, {"caribbean", "caribbean", W}, {"co", "co", L}, {"ltd", "ltd", L}}, 0, "anglo caribbean co ltd"},
		{"ROSOBORONEXPORT OAO", []tok{{"rosoboronexport", "rosoboronexport", W}, {"oao", "oao", L}}, 0, "rosoboronexport oao"},
		{"Dandong Trading Co., Ltd.", []tok{{"dandong", "dandong", W}, {"trading", "trading", W}, {"co", "co", L}, {"ltd", "ltd", L}}, 0, "dandong trading co ltd"},
		{"ACME S. DE R.L. DE C.V.", []tok{{"acme", "acme", W}, {"s", "s", L}, {"de", "de", L}, {"rl", "rl", L}, {"de", "de", L}, {"cv", "cv", L}}, 0, "acme s de rl de cv"},
		{"OOO 'M-FINANS'", []tok{{"ooo", "ooo", L}, {"m", "m", W}, {"finans", "finans", W}}, 0, "ooo m finans"},
		{"AL ZAWAHIRI, Dr. Ayman", []tok{{"alzawahiri", "zawahiri", W}, {"dr", "dr", H}, {"ayman", "ayman", W}}, 1, "dr ayman alzawahiri"},
		{"General Sheikh MOHAMMED", []tok{{"general", "general", H}, {"sheikh", "sheikh", H}, {"mohammed", "mohammed", W}}, 0, "general sheikh mohammed"},
		{"Müller GmbH & Co. KG", []tok{{"muller", "muller", W}, {"gmbh", "gmbh", L}, {"and", "and", P}, {"co", "co", L}, {"kg", "kg", L}}, 0, "muller gmbh and co kg"},
		{"", []tok{}, 0, ""},
		{"!!!", []tok{}, 0, ""},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			n := Normalize(tt.in)
			if got := tokensOf(n); !slices.Equal(got, tt.want) {
				t.Errorf("tokens = %v, want %v", got, tt.want)
			}
			if n.Split != tt.split {
				t.Errorf("Split = %d, want %d", n.Split, tt.split)
			}
			if got := n.GivenFirst().String(); got != tt.givenFirst {
				t.Errorf("GivenFirst = %q, want %q", got, tt.givenFirst)
			}
		})
	}
}

func TestNormalizeMarksArabicScript(t *testing.T) {
	n := Normalize("Muammar القذافي")
	if len(n.Tokens) != 2 || n.Tokens[0].Unvocalised || !n.Tokens[1].Unvocalised {
		t.Fatalf("tokens = %+v, want the second (Arabic-script) one unvocalised", n.Tokens)
	}
}

func TestNormalizeCapsTokens(t *testing.T) {
	long := ""
	for range 100 {
		long += "word "
	}
	if n := Normalize(long); len(n.Tokens) != MaxTokens {
		t.Fatalf("got %d tokens, want %d", len(n.Tokens), MaxTokens)
	}
}

func TestPhoneticKey(t *testing.T) {
	groups := [][]string{
		{"qadhafi", "gaddafi", "qaddafi", "kadafi", "ghathafi", "gadhafi", "ghadaffi"},
		{"osama", "usama"},
		{"ladin", "laden"},
		{"rosoboronexport", "rosoboroneksport"},
		{"mohammed", "muhammad", "mohamed"},
		{"gim", "kim"},
		{"yusuf", "yousef", "iusuf"},
		{"philip", "filip"},
		{"shchukin", "chukin"},
	}
	for _, g := range groups {
		want := phoneticKey(g[0])
		for _, w := range g[1:] {
			if got := phoneticKey(w); got != want {
				t.Errorf("phoneticKey(%q) = %q, want %q as for %q", w, got, want, g[0])
			}
		}
	}
	if phoneticKey("hamid") == phoneticKey("hadi") {
		t.Error("hamid and hadi should have different keys")
	}
}

func TestCanonical(t *testing.T) {
	tests := []struct{ in, want string }{
		{"qadhafi", "KaTaFi"},
		{"gaddafi", "KaTaFi"},
		{"ghathafi", "KaTaFi"},
		{"jeong", "JuNK"},
		{"jong", "JuNK"},
		{"hamid", "HaMiT"},
		{"ahmad", "aMaT"},
	}
	for _, tt := range tests {
		if got := string(canonical(nil, tt.in)); got != tt.want {
			t.Errorf("canonical(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
