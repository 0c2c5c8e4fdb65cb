package match_test

import (
	"fmt"

	"github.com/vigil-org/vigil/pkg/match"
)

func ExampleIndex_Search() {
	ix := match.NewIndex()
	_ = ix.Add(match.Entry{ID: "12606", Names: []string{"QADHAFI, Muammar"}, Country: "LY"})
	_ = ix.Add(match.Entry{ID: "6365", Names: []string{"BIN LADIN, Usama"}})

	for _, r := range ix.Search("EL-GADDAFI, Mu'ammar", match.Options{MinScore: match.MatchThreshold}) {
		fmt.Printf("%s %.2f %q\n", r.EntryID, r.Score, r.Explanation.MatchedName)
		for _, p := range r.Explanation.Aligned {
			fmt.Printf("  %s ~ %s: %s %.2f\n", p.Query, p.Candidate, p.How, p.Score)
		}
	}
	// Output:
	// 12606 0.93 "QADHAFI, Muammar"
	//   elgaddafi ~ qadhafi: phonetic 0.88
	//   muammar ~ muammar: exact 1.00
}

func ExampleTransliterate() {
	fmt.Println(match.Transliterate("Муаммар Каддафи"))
	fmt.Println(match.Transliterate("김정은"))
	fmt.Println(match.Transliterate("金正恩"))
	// Output:
	// muammar kaddafi
	// gim jeong eun
	// jin zheng en
}
