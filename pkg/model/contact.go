package model

import (
	"errors"
	"fmt"
	"net/mail"
	"net/url"
	"regexp"
	"strings"
)

// MaxContacts bounds each list of phones, e-mails and web sites.
const MaxContacts = 20

var (
	phoneRE = regexp.MustCompile(`^\+?[0-9][0-9 ()./-]{4,30}$`)
	hostRE  = regexp.MustCompile(`^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$`)
)

func (p Party) validateContacts() error {
	return errors.Join(
		checkList("phones", p.Phones, CheckPhone),
		checkList("emails", p.Emails, CheckEmail),
		checkList("websites", p.Websites, CheckWebsite),
	)
}

func checkList(field string, vals []string, check func(field, v string) error) error {
	if len(vals) > MaxContacts {
		return Invalid(field, "has %d entries, the limit is %d", len(vals), MaxContacts)
	}
	var errs []error
	for i, v := range vals {
		errs = append(errs, check(fmt.Sprintf("%s[%d]", field, i), v))
	}
	return errors.Join(errs...)
}

// CheckPhone accepts international or national phone numbers: digits with
// an optional leading '+' and common separators.
func CheckPhone(field, v string) error {
	if err := CheckText(field, v, 40, true, false); err != nil {
		return err
	}
	if !phoneRE.MatchString(v) {
		return Invalid(field, "is not a telephone number (digits, optional +, spaces, - . ( ) /)")
	}
	return nil
}

// CheckEmail accepts a bare address (no display name).
func CheckEmail(field, v string) error {
	if err := CheckText(field, v, 254, true, false); err != nil {
		return err
	}
	a, err := mail.ParseAddress(v)
	if err != nil || a.Address != v || a.Name != "" {
		return Invalid(field, "is not an e-mail address")
	}
	return nil
}

// CheckWebsite accepts a host name or an http(s) URL.
func CheckWebsite(field, v string) error {
	if err := CheckText(field, v, 512, true, false); err != nil {
		return err
	}
	host := strings.ToLower(v)
	if strings.Contains(v, "://") {
		u, err := url.Parse(v)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.User != nil {
			return Invalid(field, "must be a host name or an http(s) URL")
		}
		host = strings.ToLower(u.Hostname())
	}
	if !hostRE.MatchString(host) {
		return Invalid(field, "has no valid host name")
	}
	return nil
}
