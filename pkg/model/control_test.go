package model_test

import (
	"strings"
	"testing"

	"github.com/vigil-org/vigil/pkg/model"
)

func TestControlEntryValidate(t *testing.T) {
	tests := []struct {
		name   string
		e      model.ControlEntry
		fields []string
		reason string
	}{
		{name: "full code", e: model.ControlEntry{MTCRCode: "3.A.1"}},
		{name: "deeper code with national code", e: model.ControlEntry{MTCRCode: "9.A.6.a", NationalCode: "9A101"}},
		{name: "deepest code", e: model.ControlEntry{MTCRCode: "20.A.1.b.1"}},
		{name: "Category I item", e: model.ControlEntry{MTCRCode: "1.A.1"}},
		{name: "national code at limit", e: model.ControlEntry{MTCRCode: "3.A.1", NationalCode: strings.Repeat("X", 32)}},

		{name: "missing code", e: model.ControlEntry{}, fields: []string{"mtcr_code"}, reason: "is required"},
		{name: "reserved item 5", e: model.ControlEntry{MTCRCode: "5.A.1"}, fields: []string{"mtcr_code"}, reason: "item 5 is reserved"},
		{name: "reserved item 7", e: model.ControlEntry{MTCRCode: "7.B.1"}, fields: []string{"mtcr_code"}, reason: "reserved"},
		{name: "reserved item 8", e: model.ControlEntry{MTCRCode: "8.A.1"}, fields: []string{"mtcr_code"}, reason: "reserved"},
		{name: "item out of range", e: model.ControlEntry{MTCRCode: "21.A.1"}, fields: []string{"mtcr_code"}, reason: "out of range"},
		{name: "partial code item.group", e: model.ControlEntry{MTCRCode: "9.A"}, fields: []string{"mtcr_code"}, reason: "not a full entry"},
		{name: "partial code item", e: model.ControlEntry{MTCRCode: "9"}, fields: []string{"mtcr_code"}, reason: "not a full entry"},
		{name: "lowercase group", e: model.ControlEntry{MTCRCode: "3.a.1"}, fields: []string{"mtcr_code"}, reason: "uppercase"},
		{name: "unknown group", e: model.ControlEntry{MTCRCode: "3.X.1"}, fields: []string{"mtcr_code"}, reason: "unknown group"},
		{name: "trailing dot", e: model.ControlEntry{MTCRCode: "3.A.1."}, fields: []string{"mtcr_code"}, reason: "ends with a dot"},
		{name: "leading zero", e: model.ControlEntry{MTCRCode: "03.A.1"}, fields: []string{"mtcr_code"}, reason: "leading zero"},
		{name: "whitespace", e: model.ControlEntry{MTCRCode: " 3.A.1"}, fields: []string{"mtcr_code"}, reason: "whitespace"},
		{name: "national code as MTCR code", e: model.ControlEntry{MTCRCode: "9A101"}, fields: []string{"mtcr_code"}},
		{name: "national code oversized", e: model.ControlEntry{MTCRCode: "3.A.1", NationalCode: strings.Repeat("X", 33)},
			fields: []string{"national_code"}},
		{name: "national code with newline", e: model.ControlEntry{MTCRCode: "3.A.1", NationalCode: "9A\n101"},
			fields: []string{"national_code"}, reason: "single line"},
		{name: "both wrong", e: model.ControlEntry{MTCRCode: "5.A.1", NationalCode: "\xff"},
			fields: []string{"mtcr_code", "national_code"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.e.Validate()
			assertFields(t, err, tt.fields...)
			if tt.reason != "" {
				assertReason(t, err, tt.fields[0], tt.reason)
			}
		})
	}
}

func TestValidateEntries(t *testing.T) {
	ok := model.ControlEntry{MTCRCode: "3.A.1"}
	n := func(k int) []model.ControlEntry {
		out := make([]model.ControlEntry, k)
		for i := range out {
			out[i] = ok
		}
		return out
	}
	tests := []struct {
		name     string
		entries  []model.ControlEntry
		required bool
		fields   []string
	}{
		{name: "one entry required", entries: n(1), required: true},
		{name: "none optional", entries: nil},
		{name: "empty optional", entries: []model.ControlEntry{}},
		{name: "50 entries", entries: n(model.MaxEntries), required: true},
		{name: "none required", entries: nil, required: true, fields: []string{"control_entries"}},
		{name: "empty required", entries: []model.ControlEntry{}, required: true, fields: []string{"control_entries"}},
		{name: "51 entries", entries: n(model.MaxEntries + 1), fields: []string{"control_entries"}},
		{name: "second entry reserved", entries: []model.ControlEntry{ok, {MTCRCode: "5.A.1"}}, required: true,
			fields: []string{"control_entries[1].mtcr_code"}},
		{name: "partial code in optional list", entries: []model.ControlEntry{{MTCRCode: "9.A"}},
			fields: []string{"control_entries[0].mtcr_code"}},
		{name: "several entries wrong", entries: []model.ControlEntry{
			{MTCRCode: "3.a.1"}, ok, {MTCRCode: "", NationalCode: "\x00"},
		}, required: true, fields: []string{
			"control_entries[0].mtcr_code", "control_entries[2].mtcr_code", "control_entries[2].national_code",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assertFields(t, model.ValidateEntries("control_entries", tt.entries, tt.required), tt.fields...)
		})
	}
}
