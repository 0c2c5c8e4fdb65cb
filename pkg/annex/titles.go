package annex

// Category is the MTCR category of an Annex item. The zero value means no
// category (the zero Code).
type Category uint8

// Categories. Category I items carry a strong presumption of denial.
const (
	CategoryI  Category = 1 // items 1-2: complete systems and subsystems
	CategoryII Category = 2 // items 3-20
)

// String returns "Category I", "Category II", or "" for the zero value.
func (c Category) String() string {
	switch c {
	case CategoryI:
		return "Category I"
	case CategoryII:
		return "Category II"
	}
	return ""
}

func categoryOf(item int) Category {
	switch {
	case item == 1 || item == 2:
		return CategoryI
	case item >= 3 && item <= maxItem:
		return CategoryII
	}
	return 0
}

// itemTitles holds the title of every item in use; reserved items (5, 7,
// 8) have none.
var itemTitles = [maxItem + 1]string{
	1:  "Complete delivery systems",
	2:  "Complete subsystems usable for complete delivery systems",
	3:  "Propulsion components and equipment",
	4:  "Propellants, chemicals and propellant production",
	6:  "Production of structural composites, pyrolytic deposition and densification, and structural materials",
	9:  "Instrumentation, navigation and direction finding",
	10: "Flight control",
	11: "Avionics",
	12: "Launch support",
	13: "Computers",
	14: "Analogue-to-digital converters",
	15: "Test facilities and equipment",
	16: "Modelling-simulation and design integration",
	17: "Stealth",
	18: "Nuclear effects protection",
	19: "Other complete delivery systems",
	20: "Other complete subsystems",
}

// ItemTitle returns the Annex title of item (e.g. "Flight control" for 10),
// or "" if item is reserved (5, 7, 8) or outside 1-20.
func ItemTitle(item int) string {
	if item < 1 || item > maxItem {
		return ""
	}
	return itemTitles[item]
}

// GroupTitle returns the title of group letter 'A'-'E' (e.g. "Materials"
// for 'C'), or "" for any other byte, including lowercase letters.
func GroupTitle(group byte) string {
	switch group {
	case 'A':
		return "Equipment and components"
	case 'B':
		return "Test and production equipment"
	case 'C':
		return "Materials"
	case 'D':
		return "Software"
	case 'E':
		return "Technology"
	}
	return ""
}
