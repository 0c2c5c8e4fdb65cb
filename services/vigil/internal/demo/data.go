package demo

// Reference data the generator draws from.
var (
	destinations = []string{"IRN", "IRN", "IRN", "PRK", "PRK", "SYR", "PAK", "RUS", "CHN", "MMR"}
	hubs         = []struct{ country, port, locode string }{
		{"ARE", "Jebel Ali", "AEJEA"}, {"SGP", "Singapore", "SGSIN"}, {"MYS", "Port Klang", "MYPKG"},
		{"HKG", "Hong Kong", "HKHKG"}, {"TUR", "Mersin", "TRMER"}, {"KOR", "Busan", "KRPUS"}, {"LKA", "Colombo", "LKCMB"},
	}
	loading = []struct{ country, port, locode string }{
		{"CHN", "Tianjin", "CNTSN"}, {"CHN", "Ningbo", "CNNGB"}, {"TWN", "Kaohsiung", "TWKHH"}, {"DEU", "Hamburg", "DEHAM"},
		{"ITA", "Genoa", "ITGOA"}, {"JPN", "Yokohama", "JPYOK"},
	}
	discharge = map[string]struct{ port, locode string }{
		"IRN": {"Bandar Abbas", "IRBND"}, "PRK": {"Nampo", "KPNAM"}, "SYR": {"Latakia", "SYLTK"}, "PAK": {"Karachi", "PKKHI"},
		"RUS": {"Novorossiysk", "RUNVS"}, "CHN": {"Dalian", "CNDLC"}, "MMR": {"Yangon", "MMRGN"},
	}
	// items: MTCR code, national code, description; weights favour
	// navigation and propulsion, as the patterns of interest.
	items = []struct{ code, national, what string }{
		{"3.A.1", "9A101", "Small turbojet engines for target drones"},
		{"3.A.3", "9A105", "Liquid propellant rocket engine components"},
		{"4.C.2.a", "1C111", "Ammonium perchlorate"},
		{"6.C.2", "1C107", "Fine-grain graphite billets"},
		{"6.A.1", "1A102", "Resaturated pyrolysed carbon-carbon components"},
		{"9.A.6.a", "7A103", "Fibre-optic gyroscopes for inertial navigation"},
		{"9.A.6.a", "7A103", "Inertial measurement units"},
		{"9.A.8", "7A105", "GNSS receivers for high-dynamics use"},
		{"10.A.1", "7A116", "Flight-control servo valves"},
		{"11.A.3", "7A105", "Satellite navigation receivers above 600 m/s"},
		{"12.A.1", "9A115", "Transporter-erector-launcher components"},
		{"13.A.1", "4A102", "Hybrid analogue computers for simulation"},
		{"15.B.1", "9B106", "Vibration test systems with digital control"},
		{"16.D.1", "7D101", "Trajectory modelling software"},
		{"17.A.1", "1C101", "Radar-absorbing materials"},
		{"2.A.1.b", "9A004", "Re-entry vehicle heat shields"},
		{"20.A.1.b.1", "9A012", "Cruise missile airframe subassemblies"},
	}
	alertCargo = []struct{ declared, hs string }{
		{"Textile machinery spare parts", "844849"}, {"Agricultural pumps", "841370"},
		{"Industrial valves", "848180"}, {"Fishing equipment", "950790"}, {"Laboratory glassware", "701790"},
	}
)
