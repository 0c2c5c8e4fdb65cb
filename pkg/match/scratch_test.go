package match

import ("testing"; "fmt")

func TestScratch(t *testing.T) {
	ix := NewIndex()
	ents := []Entry{
		{ID: "12606", Names: []string{"QADHAFI, Muammar"}},
		{ID: "12607", Names: []string{"QADHAFI, Khamis"}},
		{ID: "6365", Names: []string{"BIN LADIN, Usama bin Muhammad bin Awad"}},
		{ID: "r1", Names: []string{"ROSOBORONEXPORT OAO"}},
		{ID: "k1", Names: []string{"KIM, Jong Un"}},
		{ID: "x1", Names: []string{"BANK MELLI IRAN"}},
		{ID: "x2", Names: []string{"BANK MELLAT"}},
		{ID: "x3", Names: []string{"AHMAD, Ali"}},
		{ID: "x4", Names: []string{"SU, Guiqin"}},
		{ID: "x5", Names: []string{"LAVROV, Sergey Viktorovich"}},
	}
	for _, e := range ents { if err := ix.Add(e); err != nil { t.Fatal(err) } }
	for _, q := range []string{"GADDAFI, Mu'ammar", "EL-QADDAFI, Muammar", "Muammar Qadhafi", "GHATHAFI, Muammar", "GHADAFFI, Muammar Muhammad", "BIN LADEN, Osama", "Usama bin Ladin", "Rosoboroneksport JSC", "김정은", "Bank Melli", "HAMID, Ali", "Su Gui Qin", "Сергей Лавров", "معمر القذافي", "Muamar Qadahfi", "Mauammr Gadafi"} {
		rs := ix.Search(q, Options{Limit: 2})
		fmt.Printf("%-30q:", q)
		for _, r := range rs { fmt.Printf(" %s %.3f %+v |", r.EntryID, r.Score, r.Explanation.Aligned) }
		fmt.Println()
	}
}
