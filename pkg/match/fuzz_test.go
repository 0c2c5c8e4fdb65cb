package match

import (
	"strings"
	"testing"
	"unicode/utf8"
)

var fuzzSeeds = []string{
	"QADHAFI, Muammar", "EL-QADDAFI, Mu'ammar", "BIN LADEN, Osama", "Муаммар Каддафи",
	"Σπύρος", "مُحَمَّد القذافي", "金正恩", "김정은", "G.L.G. S.A.", "Salah ad-Din",
	"ab\xffcd", "\xc3", ",,,", "- - -", "ّّّ", "a.b.c.d.e.f", strings.Repeat("x", 300),
	strings.Repeat("al ", 40), "ـ", "\u0651\u064e", "각", "ﷺ",
}

// FuzzNormalize checks that normalisation accepts any input, valid UTF-8
// or not, and keeps its output contract.
func FuzzNormalize(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n := Normalize(s)
		if len(n.Tokens) > MaxTokens || n.Split < 0 || n.Split >= max(len(n.Tokens), 1) {
			t.Fatalf("Normalize(%q): %d tokens, split %d", s, len(n.Tokens), n.Split)
		}
		for _, tk := range n.Tokens {
			if tk.Text == "" || tk.Core == "" || !utf8.ValidString(tk.Text) || strings.ContainsAny(tk.Text, " ,-") {
				t.Fatalf("Normalize(%q): bad token %+v", s, tk)
			}
			if !strings.HasSuffix(tk.Text, tk.Core) {
				t.Fatalf("Normalize(%q): core %q is not a suffix of %q", s, tk.Core, tk.Text)
			}
		}
		tr := Transliterate(s)
		if !utf8.ValidString(tr) || strings.Contains(tr, "  ") || strings.TrimSpace(tr) != tr {
			t.Fatalf("Transliterate(%q) = %q", s, tr)
		}
	})
}

// FuzzSearch checks that any query, and any name, can be indexed and
// searched without panics, with scores in range and results in order.
func FuzzSearch(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s, s)
	}
	f.Fuzz(func(t *testing.T, name, query string) {
		ix := fixture(t)
		if err := ix.Add(Entry{ID: "fuzz", Names: []string{name}}); err != nil && len(Normalize(name).Tokens) > 0 {
			t.Fatalf("Add(%q): %v", name, err)
		}
		for _, search := range []func(string, Options) []Result{ix.Search, ix.ScanSearch} {
			res := search(query, Options{})
			for i, r := range res {
				if r.Score <= 0 || r.Score > 1 || (i > 0 && r.Score > res[i-1].Score) {
					t.Fatalf("query %q: result %d %+v out of range or order", query, i, r)
				}
			}
		}
		ix.Remove("fuzz")
	})
}
