package domain_test

import (
	"strconv"
	"testing"

	"github.com/vigil-org/vigil/services/brokering/domain"
)

func TestValidIMO(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"9074729", true}, // 9×7+0×6+7×5+4×4+7×3+2×2 = 139
		{"9321483", true}, // Emma Maersk
		{"9176187", true},
		{"1000009", false}, // 1×7 = 7: the check digit is 7
		{"1000007", true},
		{"0000000", true},
		{"9074720", false},
		{"9074728", false},
		{"9321484", false},
		{"IMO 9074729", false},
		{"IMO9074729", false},
		{"907472", false},
		{"90747299", false},
		{" 9074729", false},
		{"907472a", false},
		{"９074729", false}, // full-width digit
		{"", false},
	}
	for _, tt := range tests {
		if got := domain.ValidIMO(tt.in); got != tt.want {
			t.Errorf("ValidIMO(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

// Changing only the check digit of a valid IMO number always invalidates it.
func TestValidIMO_OneCheckDigitPerNumber(t *testing.T) {
	for _, base := range []string{"907472", "932148", "000000", "123456", "999999"} {
		n := 0
		for d := '0'; d <= '9'; d++ {
			if domain.ValidIMO(base + string(d)) {
				n++
			}
		}
		if n != 1 {
			t.Errorf("%s: %d valid check digits, want 1", base, n)
		}
	}
}

func TestValidMMSI(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"477123400", true},
		{"211234560", true},
		{"701234567", true},
		{"300000000", true},
		{"004771234", false}, // coast station
		{"111234567", false}, // SAR aircraft
		{"812345678", false}, // handheld
		{"970123456", false}, // AIS-SART
		{"47712340", false},
		{"4771234000", false},
		{"47712340A", false},
		{"477 123 400", false},
		{"", false},
	}
	for _, tt := range tests {
		if got := domain.ValidMMSI(tt.in); got != tt.want {
			t.Errorf("ValidMMSI(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestContainerCheckDigit(t *testing.T) {
	tests := []struct {
		in   string
		want int
	}{
		{"CSQU305438", 3}, // the ISO 6346 example
		{"MSKU907032", 3},
		{"TGHU876543", 6},
		{"BICU123456", 5},
		{"HLXU123456", 1},
		{"ZZZU999999", 2},
		{"AAAU000000", 7},
		{"csqu305438", -1},
		{"CSQU30543", -1},
		{"CSQU3054383", -1},
		{"CSQ1305438", -1},
		{"CSQUX05438", -1},
	}
	for _, tt := range tests {
		if got := domain.ContainerCheckDigit(tt.in); got != tt.want {
			t.Errorf("ContainerCheckDigit(%q) = %d, want %d", tt.in, got, tt.want)
		}
	}
}

// A remainder of 10 is written 0: find one and check both forms.
func TestContainerCheckDigit_TenIsZero(t *testing.T) {
	for serial := range 1000 {
		s := "CSQU" + pad6(serial)
		if remainder11(s) != 10 {
			continue
		}
		if got := domain.ContainerCheckDigit(s); got != 0 {
			t.Fatalf("ContainerCheckDigit(%q) = %d, want 0 (remainder 10)", s, got)
		}
		if !domain.ValidContainer(s + "0") {
			t.Fatalf("ValidContainer(%q) = false", s+"0")
		}
		return
	}
	t.Fatal("no serial with remainder 10 found")
}

func pad6(n int) string {
	s := strconv.Itoa(n)
	for len(s) < 6 {
		s = "0" + s
	}
	return s
}

// remainder11 is an independent ISO 6346 computation with the letter
// table written out, for cross-checking.
func remainder11(s string) int {
	const letters = "A10B12C13D14E15F16G17H18I19J20K21L23M24N25O26P27Q28R29S30T31U32V34W35X36Y37Z38"
	val := map[byte]int{}
	for i := 0; i < len(letters); i += 3 {
		v, _ := strconv.Atoi(letters[i+1 : i+3])
		val[letters[i]] = v
	}
	sum := 0
	for i := range 10 {
		v, ok := val[s[i]]
		if !ok {
			v = int(s[i] - '0')
		}
		sum += v << i
	}
	return sum % 11
}

func TestValidContainer(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"CSQU3054383", true},
		{"MSKU9070323", true},
		{"BICU1234565", true},
		{"CSQJ3054383", false}, // category changes the check digit
		{"CSQU3054384", false},
		{"CSQU3054380", false},
		{"CSQX3054383", false}, // unknown equipment category
		{"CSQR3054383", false},
		{"csqu3054383", false},
		{"CSQU 3054383", false},
		{"CSQU305438-3", false},
		{"CSQU305438", false},
		{"CSQU30543833", false},
		{"1SQU3054383", false},
		{"", false},
	}
	for _, tt := range tests {
		if got := domain.ValidContainer(tt.in); got != tt.want {
			t.Errorf("ValidContainer(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
	for _, cat := range "JZ" {
		s := "CSQ" + string(cat) + "305438"
		if !domain.ValidContainer(s + strconv.Itoa(domain.ContainerCheckDigit(s))) {
			t.Errorf("category %c refused", cat)
		}
	}
}

func TestValidAirWaybill(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"176-12345675", true}, // 1234567 mod 7 = 5
		{"17612345675", true},
		{"020-00000000", true},
		{"176-12345676", false},
		{"176 12345675", false},
		{"17-612345675", false},
		{"176-1234567", false},
		{"176-123456750", false},
		{"ABC-12345675", false},
		{"", false},
	}
	for _, tt := range tests {
		if got := domain.ValidAirWaybill(tt.in); got != tt.want {
			t.Errorf("ValidAirWaybill(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}
