package model

import (
	"errors"
	"regexp"
)

// Quantity is an amount of items with its unit.
type Quantity struct {
	Amount, Unit string
}

// Money is a value in minor units of an ISO 4217 currency.
type Money struct {
	Currency    string
	AmountMinor int64
}

var (
	amountRE   = regexp.MustCompile(`^[0-9]{1,12}(\.[0-9]{1,6})?$`)
	currencyRE = regexp.MustCompile(`^[A-Z]{3}$`)
)

// Validate checks an optional quantity: both parts or neither.
func (q Quantity) Validate() error {
	if q.Amount == "" && q.Unit == "" {
		return nil
	}
	var errs []error
	if !amountRE.MatchString(q.Amount) {
		errs = append(errs, Invalid("amount", "must be a non-negative decimal number"))
	}
	errs = append(errs, CheckText("unit", q.Unit, 32, true, false))
	return errors.Join(errs...)
}

// Validate checks an optional value: a currency code and a non-negative
// amount.
func (m Money) Validate() error {
	if m.Currency == "" && m.AmountMinor == 0 {
		return nil
	}
	var errs []error
	if !currencyRE.MatchString(m.Currency) {
		errs = append(errs, Invalid("currency", "must be an ISO 4217 code such as EUR"))
	}
	if m.AmountMinor < 0 {
		errs = append(errs, Invalid("amount_minor", "must not be negative"))
	}
	return errors.Join(errs...)
}
