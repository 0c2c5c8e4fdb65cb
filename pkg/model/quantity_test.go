package model_test

import (
	"math"
	"strings"
	"testing"

	"github.com/vigil-org/vigil/pkg/model"
)

func TestQuantityValidate(t *testing.T) {
	tests := []struct {
		name   string
		q      model.Quantity
		fields []string
	}{
		{name: "absent", q: model.Quantity{}},
		{name: "integer", q: model.Quantity{Amount: "10", Unit: "units"}},
		{name: "decimal", q: model.Quantity{Amount: "1.5", Unit: "kg"}},
		{name: "zero", q: model.Quantity{Amount: "0", Unit: "kg"}},
		{name: "12 digits and 6 decimals", q: model.Quantity{Amount: "999999999999.123456", Unit: "g"}},
		{name: "unit missing", q: model.Quantity{Amount: "10"}, fields: []string{"unit"}},
		{name: "amount missing", q: model.Quantity{Unit: "kg"}, fields: []string{"amount"}},
		{name: "negative", q: model.Quantity{Amount: "-1", Unit: "kg"}, fields: []string{"amount"}},
		{name: "exponent", q: model.Quantity{Amount: "1e3", Unit: "kg"}, fields: []string{"amount"}},
		{name: "comma decimal", q: model.Quantity{Amount: "1,5", Unit: "kg"}, fields: []string{"amount"}},
		{name: "trailing dot", q: model.Quantity{Amount: "1.", Unit: "kg"}, fields: []string{"amount"}},
		{name: "leading dot", q: model.Quantity{Amount: ".5", Unit: "kg"}, fields: []string{"amount"}},
		{name: "13 digits", q: model.Quantity{Amount: strings.Repeat("9", 13), Unit: "kg"}, fields: []string{"amount"}},
		{name: "7 decimals", q: model.Quantity{Amount: "1.1234567", Unit: "kg"}, fields: []string{"amount"}},
		{name: "space around amount", q: model.Quantity{Amount: " 10", Unit: "kg"}, fields: []string{"amount"}},
		{name: "unit blank", q: model.Quantity{Amount: "10", Unit: "  "}, fields: []string{"unit"}},
		{name: "unit oversized", q: model.Quantity{Amount: "10", Unit: strings.Repeat("u", 33)}, fields: []string{"unit"}},
		{name: "unit with newline", q: model.Quantity{Amount: "10", Unit: "k\ng"}, fields: []string{"unit"}},
		{name: "both wrong", q: model.Quantity{Amount: "ten", Unit: "\x00"}, fields: []string{"amount", "unit"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assertFields(t, tt.q.Validate(), tt.fields...)
		})
	}
}

func TestMoneyValidate(t *testing.T) {
	tests := []struct {
		name   string
		m      model.Money
		fields []string
	}{
		{name: "absent", m: model.Money{}},
		{name: "euros", m: model.Money{Currency: "EUR", AmountMinor: 125_000_00}},
		{name: "zero amount with currency", m: model.Money{Currency: "JPY"}},
		{name: "largest amount", m: model.Money{Currency: "USD", AmountMinor: math.MaxInt64}},
		{name: "amount without currency", m: model.Money{AmountMinor: 100}, fields: []string{"currency"}},
		{name: "lowercase currency", m: model.Money{Currency: "eur", AmountMinor: 100}, fields: []string{"currency"}},
		{name: "four-letter currency", m: model.Money{Currency: "EURO", AmountMinor: 100}, fields: []string{"currency"}},
		{name: "currency symbol", m: model.Money{Currency: "€", AmountMinor: 100}, fields: []string{"currency"}},
		{name: "negative amount", m: model.Money{Currency: "EUR", AmountMinor: -1}, fields: []string{"amount_minor"}},
		{name: "negative amount without currency", m: model.Money{AmountMinor: math.MinInt64},
			fields: []string{"currency", "amount_minor"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assertFields(t, tt.m.Validate(), tt.fields...)
		})
	}
}
