package screening

import (
	"testing"

	"github.com/vigil-org/vigil/pkg/model"
)

// TestState_Bookkeeping: replacing an item moves its entries between
// indexes and lookups, and leaves no empty index or lookup behind.
func TestState_Bookkeeping(t *testing.T) {
	s := newState()
	id := model.Identifier{Type: model.IDTaxID, Value: "IR-1"}
	a := &Item{Kind: KindDenial, ID: "d1", Audience: Audience{All: true}, Destination: "IRN",
		Parties: []Party{{Name: "Alpha Trading", Identifiers: []model.Identifier{id}}, {Name: "Beta Group"}}}
	s.put(a, true)
	b := *a
	b.Audience, b.Destination, b.Parties = Audience{Members: []string{"FRA", "JPN"}}, "SYR", b.Parties[1:]
	s.put(&b, true)
	if len(s.shards) != 1 || s.shards[shardKey{KindDenial, "FRA,JPN"}].ix.Len() != 1 {
		t.Errorf("shards = %v", s.shards)
	}
	if len(s.byDest) != 1 || len(s.byDest["SYR"]) != 1 || len(s.byIdent) != 0 {
		t.Errorf("byDest = %v, byIdent = %v", s.byDest, s.byIdent)
	}
	c := &Item{Kind: KindAlert, ID: "a1", Audience: Audience{All: true}, Parties: []Party{{Name: "?!"}}}
	s.put(c, true)
	if len(s.shards) != 1 || s.items["a1"] != c {
		t.Errorf("an item without usable names made an index: %v", s.shards)
	}
}

func TestParseEntryID(t *testing.T) {
	for in, want := range map[string]bool{entryID("d1", 3): true, "d1": false, "d1#x": false, "#1": true} {
		if _, ok := parseEntryID(in); ok != want {
			t.Errorf("parseEntryID(%q) ok = %v", in, ok)
		}
	}
}
