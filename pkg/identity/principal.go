package identity

import (
	"errors"
	"fmt"
	"strings"
)

// ErrInvalidID reports an identifier that is not a valid principal ID.
// Errors from [ParseID] wrap it.
var ErrInvalidID = errors.New("invalid principal id")

// maxAgencyLen is the longest agency role ParseID accepts.
const maxAgencyLen = 32

// Principal is an authenticated caller: a member delegation or one of its
// national agencies.
type Principal struct {
	// ID is the canonical identifier: "FRA" or "KOR-customs".
	ID string
	// Member is the ISO 3166-1 alpha-3 code of the member state: "KOR".
	Member string
	// Agency is the agency's role ("licensing", "customs",
	// "enforcement"), or "" for the member delegation itself.
	Agency string
}

// IsAgency reports whether p is a national agency rather than the member
// delegation.
func (p Principal) IsAgency() bool { return p.Agency != "" }

// String returns p's ID.
func (p Principal) String() string { return p.ID }

// ParseID parses a principal ID of the form MEMBER or MEMBER-agency.
//
// MEMBER is exactly three uppercase ASCII letters. The agency role is 1 to
// 32 characters of lowercase ASCII letters, digits and hyphens; it starts
// with a letter, ends with a letter or digit and has no two hyphens in a
// row. The role "key", and roles ending in "-key", are reserved because
// "<ID>-key.pem" names a principal's private key file.
//
// Errors wrap [ErrInvalidID].
func ParseID(id string) (Principal, error) {
	member, agency, hasAgency := strings.Cut(id, "-")
	if !isMemberCode(member) {
		return Principal{}, fmt.Errorf("%w %q: member must be three uppercase ASCII letters", ErrInvalidID, id)
	}
	if !hasAgency {
		return Principal{ID: id, Member: member}, nil
	}
	if err := checkAgency(agency); err != nil {
		return Principal{}, fmt.Errorf("%w %q: agency %s", ErrInvalidID, id, err)
	}
	return Principal{ID: id, Member: member, Agency: agency}, nil
}

// isMemberCode reports whether s is three uppercase ASCII letters.
func isMemberCode(s string) bool {
	if len(s) != 3 {
		return false
	}
	for i := range len(s) {
		if s[i] < 'A' || s[i] > 'Z' {
			return false
		}
	}
	return true
}

// checkAgency validates an agency role as documented on ParseID; the
// error text completes the sentence "agency ...".
func checkAgency(a string) error {
	switch {
	case a == "" || len(a) > maxAgencyLen:
		return fmt.Errorf("must be 1 to %d characters", maxAgencyLen)
	case strings.Trim(a, "abcdefghijklmnopqrstuvwxyz0123456789-") != "":
		return errors.New("may hold only lowercase letters, digits and hyphens")
	case a[0] < 'a' || a[0] > 'z':
		return errors.New("must start with a letter")
	case a[len(a)-1] == '-' || strings.Contains(a, "--"):
		return errors.New("must not end with a hyphen or hold two in a row")
	case a == "key" || strings.HasSuffix(a, "-key"):
		return errors.New(`must not be "key" or end in "-key" (reserved for key files)`)
	}
	return nil
}
