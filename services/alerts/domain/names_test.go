package domain_test

import (
	"testing"

	"github.com/vigil-org/vigil/services/alerts/domain"
)

func TestNameKeyMatches(t *testing.T) {
	tests := []struct {
		watch, name string
		aliases     []string
		want        bool
	}{
		{"Müller Präzisionstechnik", "MULLER PRAZISIONSTECHNIK GmbH", nil, true},
		{"muller-prazisionstechnik", "Müller Präzisionstechnik GmbH & Co. KG", nil, true},
		{"Rocket Tech", "Rocket Tech International Trading LLC", nil, true},
		{"Tech International", "Rocket Tech International Trading LLC", nil, true},
		{"Rocket International", "Rocket Tech International Trading LLC", nil, false},
		{"trading", "Rocket Tech International Trading LLC", nil, false},
		{"Sinotech", "Sinotech", nil, true},
		{"Sinotech", "Sino Tech", nil, false},
		{"Dr. Kim Jong", "KIM JONG", nil, true},
		{"Kim Jong", "JONG, Kim", nil, true},
		{"Green Pine", "Unrelated Name Ltd", []string{"Green Pine Associated Corporation"}, true},
		{"Green Pine", "Unrelated Name Ltd", []string{"Blue Pine"}, false},
	}
	for _, tt := range tests {
		w := domain.NewNameKey(tt.watch)
		got := false
		for _, k := range domain.PartyKeys(tt.name, tt.aliases) {
			got = got || w.Matches(k)
		}
		if got != tt.want {
			t.Errorf("watch %q vs %q %v: %v, want %v (watch key %q)", tt.watch, tt.name, tt.aliases, got, tt.want, w)
		}
	}
}

func TestNameKeyDropsLegalForms(t *testing.T) {
	if k := domain.NewNameKey("GmbH, Co. KG"); len(k) != 0 {
		t.Errorf("key of a bare legal form = %q, want empty", k)
	}
	if k := domain.NewNameKey("  Ôrion  Ltd. "); k.String() != "orion" {
		t.Errorf("key = %q, want orion", k)
	}
}
