package match

import (
	"encoding/csv"
	"errors"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// Loading the reference lists of /work/shared/data (see its README) for the
// quality and speed benchmarks. The directory comes from VIGIL_DATA; tests
// that need it skip when it is unset or missing.

// sdnParty is one OFAC SDN entry with its aliases.
type sdnParty struct {
	id      string
	primary string
	kind    string // "individual", "vessel", "aircraft" or "" for entities
	aliases []string
}

// dataDir returns the reference data directory or skips the test.
func dataDir(tb testing.TB) string {
	tb.Helper()
	dir := os.Getenv("VIGIL_DATA")
	if dir == "" {
		tb.Skip("VIGIL_DATA is not set; it names the reference data directory (shared/data)")
	}
	if _, err := os.Stat(filepath.Join(dir, "ofac_sdn.csv")); err != nil {
		tb.Skipf("VIGIL_DATA=%s has no ofac_sdn.csv: %v", dir, err)
	}
	return dir
}

// readCSV reads a comma-separated file without a header, tolerating the
// ragged rows and the trailing end-of-file byte of the OFAC files. The files
// are ASCII; any other bytes are read as Latin-1.
func readCSV(tb testing.TB, path string, comma rune) [][]string {
	tb.Helper()
	f, err := os.Open(path)
	if err != nil {
		tb.Fatalf("open %s: %v", path, err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.Comma, r.LazyQuotes, r.FieldsPerRecord = comma, true, -1
	var rows [][]string
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			return rows
		}
		if err != nil {
			tb.Fatalf("read %s: %v", path, err)
		}
		rows = append(rows, latin1(rec))
	}
}

// latin1 decodes fields that are not valid UTF-8 as Latin-1.
func latin1(rec []string) []string {
	for i, f := range rec {
		if utf8.ValidString(f) {
			continue
		}
		rs := make([]rune, len(f))
		for j := 0; j < len(f); j++ {
			rs[j] = rune(f[j])
		}
		rec[i] = string(rs)
	}
	return rec
}

func field(rec []string, i int) string {
	if i >= len(rec) {
		return ""
	}
	v := strings.TrimSpace(rec[i])
	if v == "-0-" {
		return ""
	}
	return v
}

// loadSDN reads ofac_sdn.csv and ofac_alt.csv, in file order.
func loadSDN(tb testing.TB, dir string) []*sdnParty {
	tb.Helper()
	var parties []*sdnParty
	byID := map[string]*sdnParty{}
	for _, rec := range readCSV(tb, filepath.Join(dir, "ofac_sdn.csv"), ',') {
		p := &sdnParty{id: field(rec, 0), primary: field(rec, 1), kind: field(rec, 2)}
		if p.id == "" || p.primary == "" {
			continue
		}
		parties = append(parties, p)
		byID[p.id] = p
	}
	for _, rec := range readCSV(tb, filepath.Join(dir, "ofac_alt.csv"), ',') {
		if p, ok := byID[field(rec, 0)]; ok && field(rec, 3) != "" {
			p.aliases = append(p.aliases, field(rec, 3))
		}
	}
	return parties
}

// loadOtherNames returns names from the BIS Denied Persons List and the
// Consolidated Screening List extract.
func loadOtherNames(tb testing.TB, dir string) (dpl, csl []string) {
	tb.Helper()
	for i, rec := range readCSV(tb, filepath.Join(dir, "bis_dpl.txt"), '\t') {
		if i > 0 && field(rec, 0) != "" {
			dpl = append(dpl, field(rec, 0))
		}
	}
	for i, rec := range readCSV(tb, filepath.Join(dir, "us_csl_extract.csv"), ',') {
		if i > 0 && field(rec, 4) != "" {
			csl = append(csl, field(rec, 4))
		}
	}
	return dpl, csl
}

// typo applies one random edit to a letter of s: substitution, deletion or
// transposition with the next letter. Strings without letters come back
// unchanged.
func typo(rng *rand.Rand, s string) string {
	rs := []rune(s)
	var letters []int
	for i, r := range rs {
		if unicode.IsLetter(r) {
			letters = append(letters, i)
		}
	}
	if len(letters) == 0 {
		return s
	}
	i := letters[rng.IntN(len(letters))]
	switch rng.IntN(3) {
	case 0:
		rs[i] = substitute(rng, rs[i])
	case 1:
		rs = append(rs[:i], rs[i+1:]...)
	default:
		if i+1 < len(rs) && unicode.IsLetter(rs[i+1]) {
			rs[i], rs[i+1] = rs[i+1], rs[i]
		} else {
			rs[i] = substitute(rng, rs[i])
		}
	}
	return string(rs)
}

func substitute(rng *rand.Rand, r rune) rune {
	for {
		c := rune('A' + rng.IntN(26))
		if unicode.ToUpper(r) != c {
			return c
		}
	}
}
