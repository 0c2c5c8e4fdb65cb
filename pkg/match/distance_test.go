package match

import (
	"math"
	"math/rand/v2"
	"strings"
	"testing"
)

func TestJaroWinkler(t *testing.T) {
	tests := []struct {
		a, b string
		want float64
	}{
		{"martha", "marhta", 0.9611},
		{"dwayne", "duane", 0.84},
		{"dixon", "dicksonx", 0.8133},
		{"abc", "abc", 1},
		{"", "", 1},
		{"abc", "", 0},
		{"abc", "xyz", 0},
		{"un", "eun", 0.8889}, // window widened to one byte
	}
	for _, tt := range tests {
		if got := jaroWinkler(tt.a, tt.b); math.Abs(got-tt.want) > 1e-3 {
			t.Errorf("jaroWinkler(%q, %q) = %.4f, want %.4f", tt.a, tt.b, got, tt.want)
		}
		if got, rev := jaroWinkler(tt.a, tt.b), jaroWinkler(tt.b, tt.a); math.Abs(got-rev) > 1e-12 {
			t.Errorf("jaroWinkler not symmetric for %q, %q: %.4f vs %.4f", tt.a, tt.b, got, rev)
		}
	}
}

func TestJaroWinklerLongInputs(t *testing.T) {
	a := strings.Repeat("ab", 50)
	if got := jaroWinkler(a, a+"c"); got < 0.99 {
		t.Errorf("long near-equal inputs scored %.3f", got)
	}
}

func TestOSADistance(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"kitten", "sitting", 3},
		{"abcd", "acbd", 1},
		{"ca", "abc", 3},
		{"", "abc", 3},
		{"same", "same", 0},
		{"qadhafi", "qaddafi", 1},
		{strings.Repeat("x", 80), strings.Repeat("x", 79) + "y", 1},
	}
	for _, tt := range tests {
		if got := osaDistance(tt.a, tt.b); got != tt.want {
			t.Errorf("osaDistance(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
	}
}

// TestOSADistanceBitsAgrees compares the bit-vector algorithm with the
// dynamic programme on every pair of short strings over small alphabets,
// where transpositions and repeats are frequent (letters only, and with a
// digit, which takes the other way of finding a byte's positions), and on
// random longer ones.
func TestOSADistanceBitsAgrees(t *testing.T) {
	var all []string
	var gen func(s, alphabet string)
	gen = func(s, alphabet string) {
		all = append(all, s)
		if len(s) < 5 {
			for _, c := range alphabet {
				gen(s+string(c), alphabet)
			}
		}
	}
	gen("", "abc")
	gen("", "a1b")
	check := func(a, b string) {
		long, short := a, b
		if len(long) < len(short) {
			long, short = short, long
		}
		if len(short) == 0 {
			return
		}
		if got, want := osaDistance(a, b), osaDistanceRows(long, short); got != want {
			t.Fatalf("osaDistance(%q, %q) = %d, dynamic programme %d", a, b, got, want)
		}
	}
	for _, a := range all {
		for _, b := range all {
			check(a, b)
		}
	}
	rng := rand.New(rand.NewPCG(1, 2))
	word := func(n int) string {
		alphabet := []string{"abcdefgh", "abz9-"}[rng.IntN(2)]
		b := make([]byte, n)
		for i := range b {
			b[i] = alphabet[rng.IntN(len(alphabet))]
		}
		return string(b)
	}
	for range 20000 {
		check(word(1+rng.IntN(64)), word(1+rng.IntN(70)))
	}
}

func TestTokenSimilarity(t *testing.T) {
	tests := []struct {
		a, b    string
		min     float64
		max     float64
		wantHow How
	}{
		{"muammar", "muammar", 1, 1, HowExact},
		{"alqaddafi", "qaddafi", 0.95, 0.95, HowExact},
		{"gaddafi", "qadhafi", 0.85, 0.95, HowPhonetic},
		{"ghathafi", "qadhafi", 0.8, 0.95, HowPhonetic},
		{"laden", "ladin", 0.85, 0.95, HowPhonetic},
		{"osama", "usama", 0.85, 0.95, HowPhonetic},
		{"qadhafy", "qadhafi", 0.85, 0.95, HowPhonetic},
		{"muamamr", "muammar", 0.8, 0.95, HowFuzzy},
		{"j", "john", 0.7, 0.7, HowFuzzy},
		{"hamid", "ahmad", 0, 0, ""},
		{"bashar", "bushra", 0, 0, ""},
		{"yv2726", "yv2762", 0, 0, ""},
		{"mnb", "mnp", 0, 0, ""},
		{"smith", "jones", 0, 0, ""},
	}
	for _, tt := range tests {
		a, b := newForms(tokenOf(tt.a)), newForms(tokenOf(tt.b))
		got, how := tokenSimilarity(&a, &b)
		if got < tt.min || got > tt.max || how != tt.wantHow {
			t.Errorf("tokenSimilarity(%q, %q) = %.3f %q, want [%.2f, %.2f] %q", tt.a, tt.b, got, how, tt.min, tt.max, tt.wantHow)
		}
	}
}

// tokenOf normalises a single word.
func tokenOf(w string) Token {
	return Normalize(w).Tokens[0]
}
