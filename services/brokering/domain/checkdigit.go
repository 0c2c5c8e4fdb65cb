package domain

// Identifier checks for ships, containers and air waybills. Each takes
// the canonical form only: no prefix ("IMO "), no spaces or hyphens
// inside the number, upper case. Clients normalise before sending, so a
// stored identifier is always comparable byte for byte.

// ValidIMO reports whether s is an IMO ship identification number: exactly
// seven ASCII digits whose last digit is the check digit, the sum of the
// first six weighted 7, 6, 5, 4, 3, 2, modulo 10 (9074729: 9×7 + 0×6 +
// 7×5 + 4×4 + 7×3 + 2×2 = 139, check digit 9). The "IMO " prefix is not
// accepted.
func ValidIMO(s string) bool {
	if len(s) != 7 || !allDigits(s) {
		return false
	}
	sum := 0
	for i := range 6 {
		sum += int(s[i]-'0') * (7 - i)
	}
	return sum%10 == int(s[6]-'0')
}

// ValidMMSI reports whether s is the Maritime Mobile Service Identity of
// a ship station: exactly nine ASCII digits, the first 2 to 7 (the
// maritime identification digits of a ship; 0, 1, 8 and 9 start group,
// coast, handheld and special stations).
func ValidMMSI(s string) bool {
	return len(s) == 9 && allDigits(s) && s[0] >= '2' && s[0] <= '7'
}

// ValidContainer reports whether s is an ISO 6346 freight container
// number: a three-letter owner code, an equipment category identifier (U
// freight container, J detachable equipment, Z trailer or chassis), a
// six-digit serial number and the check digit ContainerCheckDigit
// computes from the first ten characters ("CSQU3054383").
func ValidContainer(s string) bool {
	if len(s) != 11 || !allUpper(s[:4]) || !allDigits(s[4:]) {
		return false
	}
	switch s[3] {
	case 'U', 'J', 'Z':
	default:
		return false
	}
	return ContainerCheckDigit(s[:10]) == int(s[10]-'0')
}

// ContainerCheckDigit computes the ISO 6346 check digit of the first ten
// characters of a container number (four upper-case letters, six digits):
// letters take the values 10 to 38 skipping multiples of eleven, digits
// their own value; each value is weighted 2^position; the sum modulo 11,
// with 10 written as 0, is the check digit. It returns -1 when s is not
// four letters followed by six digits.
func ContainerCheckDigit(s string) int {
	if len(s) != 10 || !allUpper(s[:4]) || !allDigits(s[4:]) {
		return -1
	}
	sum := 0
	for i := range 10 {
		sum += containerValue(s[i]) << i
	}
	return sum % 11 % 10
}

// containerValue is the ISO 6346 value of an upper-case letter or digit.
func containerValue(c byte) int {
	if c >= '0' && c <= '9' {
		return int(c - '0')
	}
	v := int(c-'A') + 10
	return v + (v-1)/10 // skip 11, 22 and 33
}

// ValidAirWaybill reports whether s is an air waybill number: a
// three-digit airline prefix, an optional hyphen, a seven-digit serial
// and a check digit equal to the serial modulo 7 ("176-12345675").
func ValidAirWaybill(s string) bool {
	if len(s) == 12 && s[3] == '-' {
		s = s[:3] + s[4:]
	}
	if len(s) != 11 || !allDigits(s) {
		return false
	}
	serial := 0
	for i := 3; i < 10; i++ {
		serial = serial*10 + int(s[i]-'0')
	}
	return serial%7 == int(s[10]-'0')
}

func allDigits(s string) bool {
	for i := range len(s) {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

func allUpper(s string) bool {
	for i := range len(s) {
		if s[i] < 'A' || s[i] > 'Z' {
			return false
		}
	}
	return true
}
