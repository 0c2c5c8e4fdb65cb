package match

import (
	"bufio"
	"fmt"
	"math/rand/v2"
	"os"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

// BenchmarkSearch measures index build time, memory and query latency of
// Search at 10k and 100k names, and ScanSearch (every name scored) beside
// it. With VIGIL_BENCH_LARGE=1 it adds 1M names, where ScanSearch is timed
// on a few queries only. Names are the SDN list (when VIGIL_DATA is set)
// plus generated filler names drawn deterministically from realistic token
// pools, with one in four tokens respelt so that the vocabulary grows with
// the index as real data does.
//
//	go test -run '^$' -bench . -benchtime 20x ./match/
//	VIGIL_BENCH_LARGE=1 go test -run '^$' -bench 'Search/names=1M' -benchtime 20x -timeout 30m ./match/
//
// Metrics: build-s (wall time to add every entry), heap-MB (live heap after
// build and GC), rss-MB (resident set of the whole test process, including
// the generated names), and latency percentiles (see reportLatency) over a
// fixed set of 1000 queries: a third exact names from the index, a third
// with one or two typos, a third generated names that are mostly not
// indexed. ScanSearch is timed on 2M/n of them (at least 3), once each.
func BenchmarkSearch(b *testing.B) {
	sizes := []int{10_000, 100_000}
	if os.Getenv("VIGIL_BENCH_LARGE") != "" {
		sizes = append(sizes, 1_000_000)
	}
	list := benchListNames(b)
	for _, n := range sizes {
		b.Run("names="+sizeLabel(n), func(b *testing.B) { benchSize(b, n, list) })
	}
}

func benchSize(b *testing.B, n int, list []string) {
	names := benchNames(n, list)
	ix := NewIndex()
	start := time.Now()
	for i, name := range names {
		if err := ix.Add(Entry{ID: strconv.Itoa(i), Names: []string{name}}); err != nil {
			b.Fatal(err)
		}
	}
	build := time.Since(start)
	heap, rss := memoryInUse()
	queries := benchQueries(names, 1000)
	b.Run("search", func(b *testing.B) {
		for i := range b.N {
			ix.Search(queries[i%len(queries)], Options{})
		}
		b.StopTimer()
		reportBuild(b, build, heap, rss)
		reportLatency(b, func(q string) { ix.Search(q, Options{}) }, queries, 3)
	})
	b.Run("scan", func(b *testing.B) {
		scanQueries := queries[:max(3, 2_000_000/n)]
		for i := range min(b.N, len(scanQueries)) {
			ix.ScanSearch(scanQueries[i], Options{MinScore: 0.5})
		}
		b.StopTimer()
		reportLatency(b, func(q string) { ix.ScanSearch(q, Options{MinScore: 0.5}) }, scanQueries, 1)
	})
	runtime.KeepAlive(ix)
}

func sizeLabel(n int) string {
	if n >= 1_000_000 {
		return strconv.Itoa(n/1_000_000) + "M"
	}
	return strconv.Itoa(n/1000) + "k"
}

func reportBuild(b *testing.B, build time.Duration, heap, rss uint64) {
	b.ReportMetric(build.Seconds(), "build-s")
	b.ReportMetric(float64(heap)/(1<<20), "heap-MB")
	b.ReportMetric(float64(rss)/(1<<20), "rss-MB")
}

// reportLatency runs every query reps times and reports the 50th and 99th
// percentile latencies over all runs (p50-us, p99-us) and over each query's
// fastest run (p50min-us, p99min-us). The second pair filters out time the
// process spent descheduled or in a garbage collection it did not cause, so
// it shows the cost of the query itself on a shared machine.
func reportLatency(b *testing.B, run func(string), queries []string, reps int) {
	all := make([]time.Duration, 0, len(queries)*reps)
	best := make([]time.Duration, len(queries))
	for r := range reps {
		for i, q := range queries {
			t := time.Now()
			run(q)
			d := time.Since(t)
			all = append(all, d)
			if r == 0 || d < best[i] {
				best[i] = d
			}
		}
	}
	report := func(d []time.Duration, suffix string) {
		slices.Sort(d)
		b.ReportMetric(float64(d[len(d)/2].Microseconds()), "p50"+suffix+"-us")
		b.ReportMetric(float64(d[len(d)*99/100].Microseconds()), "p99"+suffix+"-us")
	}
	report(all, "")
	if reps > 1 {
		report(best, "min")
	}
}

// memoryInUse returns the live heap after a GC and the process's resident
// set size (0 where /proc is unavailable).
func memoryInUse() (heap, rss uint64) {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc, residentSet()
}

func residentSet() uint64 {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return 0
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), "VmRSS:"); ok {
			kb, _ := strconv.ParseUint(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64)
			return kb << 10
		}
	}
	return 0
}

// benchListNames returns the SDN primary names and aliases when VIGIL_DATA
// is set, and nothing otherwise.
func benchListNames(b *testing.B) []string {
	if os.Getenv("VIGIL_DATA") == "" {
		return nil
	}
	var names []string
	for _, p := range loadSDN(b, dataDir(b)) {
		names = append(names, p.primary)
		names = append(names, p.aliases...)
	}
	return names
}

// benchNames returns n names: the list names first, then filler.
func benchNames(n int, list []string) []string {
	names := slices.Clone(list[:min(n, len(list))])
	rng := rand.New(rand.NewPCG(7, 11))
	for len(names) < n {
		names = append(names, fillerName(rng))
	}
	return names
}

// benchQueries picks queries from the indexed names: exact, with typos, and
// generated.
func benchQueries(names []string, k int) []string {
	rng := rand.New(rand.NewPCG(3, 5))
	qs := make([]string, k)
	for i := range qs {
		switch i % 3 {
		case 0:
			qs[i] = names[rng.IntN(len(names))]
		case 1:
			qs[i] = typo(rng, names[rng.IntN(len(names))])
			if rng.IntN(2) == 0 {
				qs[i] = typo(rng, qs[i])
			}
		default:
			qs[i] = fillerName(rng)
		}
	}
	return qs
}

// fillerName generates a person ("SURNAME, Given Given") or a company name.
func fillerName(rng *rand.Rand) string {
	if rng.IntN(2) == 0 {
		given := respell(rng, pick(rng, givenNames))
		if rng.IntN(2) == 0 {
			given += " " + respell(rng, pick(rng, givenNames))
		}
		surname := respell(rng, pick(rng, surnames))
		if rng.IntN(4) == 0 {
			surname = pick(rng, []string{"AL-", "EL-", "BIN ", "ABU "}) + surname
		}
		return surname + ", " + given
	}
	words := []string{respell(rng, pick(rng, companyWords))}
	for range rng.IntN(3) {
		words = append(words, respell(rng, pick(rng, companyWords)))
	}
	words = append(words, pick(rng, sectors))
	if rng.IntN(3) > 0 {
		words = append(words, pick(rng, legalForms))
	}
	return strings.Join(words, " ")
}

func pick(rng *rand.Rand, pool []string) string { return pool[rng.IntN(len(pool))] }

// respell changes one token in four with a typo, so that filler names
// bring new rare tokens as real names do.
func respell(rng *rand.Rand, w string) string {
	if rng.IntN(4) == 0 {
		return typo(rng, w)
	}
	return w
}

var givenNames = strings.Fields(`Muhammad Mohammed Ahmad Ahmed Ali Hassan Hussein
Hussain Omar Umar Abdullah Abdul Khalid Khaled Ibrahim Youssef Yusuf Mustafa
Mahmoud Mahmud Said Saeed Karim Nasser Nasir Tariq Hamid Hamza Bilal Jamal
Salim Salem Walid Rashid Faisal Adel Samir Nabil Ziad Fadi Amin Majid Reza
Mehdi Hossein Morteza Javad Akbar Ali-Reza Farhad Dariush Vladimir Sergey
Sergei Alexander Aleksandr Dmitry Dmitri Andrei Andrey Nikolai Mikhail Ivan
Igor Oleg Yuri Viktor Boris Pavel Alexei Yevgeny Evgeny Konstantin Maxim
Natalia Olga Elena Irina Svetlana Tatiana Anna Maria Ekaterina Wei Jun Li
Ming Hong Jian Hua Xiaoping Guiqin Yong Jie Lei Chol Song Jong Un Myong Hyon
Kwang Sung Il Nam Juan Jose Carlos Luis Jorge Miguel Pedro Manuel Francisco
Antonio Javier Alejandro Fernando Ricardo Eduardo Rafael Roberto Diego Victor
Daniel David John Michael Robert James William Richard Thomas Joseph Charles
Peter Paul Mark George Kenneth Steven Edward Brian Ronald Anthony Kevin
Jason Matthew Gary Timothy Jose Larry Jeffrey Frank Scott Eric Stephen Andrew
Raymond Gregory Joshua Jerry Dennis Walter Patrick Peter Harold Douglas Henry
Carl Arthur Ryan Roger Fatima Aisha Zainab Mariam Leila Nour Huda Samira
Layla Yasmin Hana Rania Dina Sara Amira Salma Mona Rana Ayman Osama Usama
Anwar Ismail Idris Musa Issa Yahya Zakaria Suleiman Dawood Daud Haroun`)

var surnames = strings.Fields(`QADHAFI GADDAFI ASSAD HUSSEIN TIKRITI ZAWAHIRI
BAGHDADI MASRI ANSARI HASHIMI KHALIL MANSOUR HADDAD NASSER SHAMI HALABI
RAHMAN KARIMI HOSSEINI MOHAMMADI AHMADI REZAEI MOUSAVI HASHEMI JAFARI RAHIMI
SADEGHI KAZEMI GHORBANI SALEHI TEHRANI ISFAHANI SHIRAZI TABRIZI IVANOV
PETROV SIDOROV SMIRNOV KUZNETSOV POPOV VASILIEV SOKOLOV MIKHAILOV NOVIKOV
FEDOROV MOROZOV VOLKOV ALEKSEEV LEBEDEV SEMENOV EGOROV PAVLOV KOZLOV
STEPANOV NIKOLAEV OREKHOV MAKAROV ZAKHAROV ZAITSEV SOLOVYOV BORISOV YAKOVLEV
GRIGORIEV ROMANOV VOROBYOV SERGEEV KUZMIN FROLOV ALEXANDROV DMITRIEV KOROLEV
GUSEV KISELEV ILYIN MAKSIMOV POLYAKOV SOROKIN VINOGRADOV KOVALEV BELOV
MEDVEDEV ANTONOV TARASOV ZHUKOV BARANOV FILIPPOV KOMAROV DAVYDOV BELYAEV
GERASIMOV BOGDANOV OSIPOV SIDORENKO KOVALENKO BONDARENKO TKACHENKO SHEVCHENKO
WANG LI ZHANG LIU CHEN YANG HUANG ZHAO WU ZHOU XU SUN MA ZHU HU GUO HE GAO LIN
LUO ZHENG LIANG XIE SONG TANG HAN FENG DENG CAO PENG ZENG XIAO TIAN DONG PAN
YUAN CAI JIANG YU DU YE CHENG WEI SU LU DING REN SHEN YAO KIM LEE PARK CHOI
JUNG KANG CHO YOON JANG LIM HAN OH SEO SHIN KWON HWANG AHN RI PAK GARCIA
RODRIGUEZ MARTINEZ HERNANDEZ LOPEZ GONZALEZ PEREZ SANCHEZ RAMIREZ TORRES
FLORES RIVERA GOMEZ DIAZ REYES MORALES CRUZ ORTIZ GUTIERREZ CHAVEZ RAMOS
RUIZ ALVAREZ MENDOZA CASTILLO JIMENEZ MORENO ROMERO HERRERA MEDINA AGUILAR
VARGAS CASTRO GUZMAN FERNANDEZ VELASQUEZ SALAZAR ESCOBAR OCHOA CARDENAS
SMITH JOHNSON WILLIAMS BROWN JONES MILLER DAVIS WILSON ANDERSON TAYLOR THOMAS
MOORE JACKSON MARTIN THOMPSON WHITE HARRIS CLARK LEWIS ROBINSON WALKER YOUNG
ALLEN KING WRIGHT SCOTT HILL GREEN ADAMS BAKER NELSON CARTER MITCHELL ROBERTS
TURNER PHILLIPS CAMPBELL PARKER EVANS EDWARDS COLLINS STEWART MORRIS MURPHY
COOK ROGERS MORGAN COOPER PETERSON REED BAILEY BELL KELLY HOWARD WARD COX
RICHARDSON WOOD WATSON BROOKS BENNETT GRAY JAMES HUGHES PRICE SANDERS MYERS
LONG ROSS FOSTER OZTURK YILMAZ KAYA DEMIR SAHIN CELIK YILDIZ YILDIRIM AYDIN
OZDEMIR ARSLAN DOGAN KILIC ASLAN CETIN KARA KOC KURT OZKAN SIMSEK KHAN
QURESHI SIDDIQUI CHAUDHRY MALIK BUTT AKHTAR IQBAL HUSSAIN SHAH MIRZA BAIG`)

var companyWords = strings.Fields(`ATLANTIC PACIFIC GLOBAL INTERNATIONAL NATIONAL
UNITED GENERAL EASTERN WESTERN NORTHERN SOUTHERN CENTRAL ORIENT ORIENTAL
GOLDEN SILVER STAR SUN MOON OCEAN SEA SKY BLUE GREEN RED WHITE BLACK ROYAL
IMPERIAL CONTINENTAL TRANS EURO ASIA AFRO ARAB PERSIA PERSIAN CASPIAN GULF
BALTIC NORDIC SIBERIA URAL VOLGA AMUR DRAGON PHOENIX EAGLE FALCON LION TIGER
CRESCENT CEDAR PALM OASIS DESERT MOUNTAIN RIVER DELTA ALPHA BETA GAMMA
OMEGA SIGMA NOVA NEO PRIME FIRST SECOND NEW MODERN ADVANCED SMART DIGITAL
TECHNO TECH ELECTRO MECHANO AERO AVIA MARINE NAVAL PETRO OIL GAS ENERGY POWER
STEEL METAL IRON COPPER ALUMINUM CHEMICAL PHARMA MEDICAL BIO AGRO FOOD
TEXTILE CARGO LOGISTICS SHIPPING TRANSPORT TRADING TRADE COMMERCIAL
INDUSTRIAL ENGINEERING CONSTRUCTION DEVELOPMENT INVESTMENT FINANCE CAPITAL
HOLDING VENTURE PARTNERS GROUP ALLIANCE UNION FEDERAL STATE PEOPLES FRIENDSHIP
PROGRESS FUTURE VICTORY UNITY HARMONY PEACE HOPE FORTUNE SUCCESS PREMIER
ROSOBORONEXPORT ROSTEC ROSNEFT GAZPROM SOVCOMFLOT TRANSNEFT ALMAZ ANTEY
SUKHOI TUPOLEV ILYUSHIN KAMAZ URALVAGONZAVOD MELLI MELLAT SADERAT SEPAH
TEJARAT REFAH PARSIAN PASARGAD KESHAVARZI MASKAN SINA KISH TOSEE MAPNA
KHATAM ANBIYA GHARARGAH SAZEH SANAT HONAR ZHONGXING HUAWEI DANDONG HONGXIANG
ZHICHENG SHENGHUA HENGLI TIANJIN SHENZHEN GUANGZHOU KORYO CHOSON TAESONG
MIRAE KUMGANG RYUGYONG SONGI MANSUDAE PYONGYANG CARIBE HAVANA CUBANA
MERIDIAN ANDINA VALLE ORO PLATA SOL LUNA MAR TIERRA NORTE SUR`)

var sectors = strings.Fields(`TRADING SHIPPING INDUSTRIES ENTERPRISES SERVICES
SOLUTIONS TECHNOLOGIES SYSTEMS ELECTRONICS MACHINERY EQUIPMENT SUPPLY
CHEMICALS PETROLEUM MINING METALS MARITIME AVIATION BANK EXCHANGE INSURANCE
INVESTMENTS PROPERTIES CONSTRUCTION ENGINEERING CONSULTING LOGISTICS
IMPORT EXPORT COMMERCE FOODS PHARMACEUTICALS TEXTILES MOTORS`)

var legalForms = []string{"LLC", "LTD", "CO., LTD.", "CORPORATION", "INC.",
	"GMBH", "OOO", "OAO", "ZAO", "JSC", "PJSC", "FZE", "FZCO", "S.A.",
	"S.A. DE C.V.", "SDN BHD", "PTE LTD", "LIMITED", "COMPANY", "AG", "PLC"}

// TestBenchNames checks that filler generation is deterministic.
func TestBenchNames(t *testing.T) {
	a, b := benchNames(50, nil), benchNames(50, nil)
	if !slices.Equal(a, b) {
		t.Fatal("filler names differ between runs")
	}
	if fmt.Sprint(benchQueries(a, 9)) != fmt.Sprint(benchQueries(b, 9)) {
		t.Fatal("queries differ between runs")
	}
}
