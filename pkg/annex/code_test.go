package annex

import "testing"

func TestCovers(t *testing.T) {
	tests := []struct {
		a, b string
		want bool
	}{
		{"9.A.6", "9.A.6", true},
		{"9.A.6", "9.A.6.a", true},
		{"9.A.6", "9.A.6.a.1", true},
		{"9.A", "9.A.6.a", true},
		{"9", "9.A.6.a.1.b", true},
		{"9", "9", true},
		{"9.A.6", "9.A.60", false},
		{"9.A.6", "9.A.7", false},
		{"9.A.6.a", "9.A.6.aa", false},
		{"9.A.6.a", "9.A.6", false},
		{"9.A", "9.B.6", false},
		{"1", "10.A.1", false},
		{"1", "1.A.1", true},
		{"2.A.1.a", "2.A.1.b", false},
	}
	for _, tt := range tests {
		a, b := MustParse(tt.a), MustParse(tt.b)
		if got := a.Covers(b); got != tt.want {
			t.Errorf("%s.Covers(%s) = %v, want %v", a, b, got, tt.want)
		}
		if got, want := Related(a, b), tt.want || b.Covers(a); got != want {
			t.Errorf("Related(%s, %s) = %v, want %v", a, b, got, want)
		}
		if Related(a, b) != Related(b, a) {
			t.Errorf("Related(%s, %s) not symmetric", a, b)
		}
	}
}

func TestZeroCode(t *testing.T) {
	var z Code
	c := MustParse("9.A.6")
	if z.Covers(c) || c.Covers(z) || z.Covers(z) || Related(z, c) || Related(z, z) {
		t.Error("zero Code takes part in the hierarchy")
	}
	if _, ok := z.Parent(); ok {
		t.Error("zero Code has a parent")
	}
	if z.String() != "" || z.Item() != 0 || z.Group() != 0 || z.Depth() != 0 || z.IsFull() || z.Category() != 0 {
		t.Errorf("zero Code accessors: %q %d %q %d %v %v", z, z.Item(), z.Group(), z.Depth(), z.IsFull(), z.Category())
	}
}

func TestParent(t *testing.T) {
	tests := []struct {
		in, want string
		ok       bool
	}{
		{"9.A.6.a.1", "9.A.6.a", true},
		{"9.A.6.a", "9.A.6", true},
		{"9.A.6", "9.A", true},
		{"9.A", "9", true},
		{"9", "", false},
	}
	for _, tt := range tests {
		got, ok := MustParse(tt.in).Parent()
		if ok != tt.ok || got.String() != tt.want {
			t.Errorf("Parent(%s) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.ok)
			continue
		}
		if ok && got != MustParse(tt.want) {
			t.Errorf("Parent(%s) = %#v, not equal to parsed %q", tt.in, got, tt.want)
		}
	}
}

func TestCategory(t *testing.T) {
	tests := map[string]Category{
		"1": CategoryI, "2.A.1": CategoryI, "3": CategoryII, "9.A.6": CategoryII, "20.A.1.b.1": CategoryII,
	}
	for in, want := range tests {
		if got := MustParse(in).Category(); got != want {
			t.Errorf("Category(%s) = %v, want %v", in, got, want)
		}
	}
	if CategoryI.String() != "Category I" || CategoryII.String() != "Category II" || Category(0).String() != "" {
		t.Error("Category.String")
	}
}

func TestItemTitle(t *testing.T) {
	n := 0
	for item := -1; item <= 22; item++ {
		title := ItemTitle(item)
		_, err := Parse(itoa(item))
		if (title != "") != (err == nil) {
			t.Errorf("item %d: title %q but Parse error %v", item, title, err)
		}
		if title != "" {
			n++
		}
	}
	if n != 17 {
		t.Errorf("%d titled items, want 17 (1-20 less 5, 7, 8)", n)
	}
	if got := ItemTitle(10); got != "Flight control" {
		t.Errorf("ItemTitle(10) = %q", got)
	}
}

func TestGroupTitle(t *testing.T) {
	want := map[byte]string{
		'A': "Equipment and components", 'B': "Test and production equipment",
		'C': "Materials", 'D': "Software", 'E': "Technology",
	}
	for b := 0; b < 256; b++ {
		if got := GroupTitle(byte(b)); got != want[byte(b)] {
			t.Errorf("GroupTitle(%q) = %q, want %q", byte(b), got, want[byte(b)])
		}
	}
}

func itoa(n int) string {
	if n < 0 {
		return "-" + itoa(-n)
	}
	if n < 10 {
		return string(rune('0' + n))
	}
	return itoa(n/10) + string(rune('0'+n%10))
}
