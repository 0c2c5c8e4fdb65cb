package match

// String distances over bytes. Normalised tokens are ASCII for every
// supported script, so comparing bytes is comparing letters; tokens of other
// scripts still compare correctly for equality and approximately otherwise.
// Both functions work on the stack for tokens up to stackLen bytes and do not
// allocate, which matters because the scorer calls them in its inner loop.

// stackLen is the longest input handled without a heap allocation.
const stackLen = 64

// text is a token or a token joined from two (built in a byte buffer).
type text interface{ ~string | ~[]byte }

// jaroWinkler returns the Jaro-Winkler similarity of a and b in [0,1]:
// 1 for equal inputs, 0 when nothing matches, with the usual prefix scale
// 0.1 over at most four leading bytes, applied when Jaro exceeds 0.7.
func jaroWinkler[A, B text](a A, b B) float64 {
	j := jaro(a, b)
	if j <= 0.7 {
		return j
	}
	p := 0
	for p < 4 && p < len(a) && p < len(b) && a[p] == b[p] {
		p++
	}
	return j + float64(p)*0.1*(1-j)
}

// jaro returns the Jaro similarity of a and b. The match window is at least
// one byte, so that short tokens differing by a leading letter ("un" and
// "eun") still match; the textbook window is 0 for inputs of three bytes.
func jaro[A, B text](a A, b B) float64 {
	la, lb := len(a), len(b)
	if la == 0 && lb == 0 {
		return 1
	}
	if la == 0 || lb == 0 {
		return 0
	}
	var bufA, bufB [stackLen]bool
	ma, mb := flags(bufA[:], la), flags(bufB[:], lb)
	m := jaroMatches(a, b, ma, mb)
	if m == 0 {
		return 0
	}
	t := jaroTranspositions(a, b, ma, mb)
	fm := float64(m)
	return (fm/float64(la) + fm/float64(lb) + (fm-float64(t)/2)/fm) / 3
}

func flags(buf []bool, n int) []bool {
	if n <= len(buf) {
		return buf[:n]
	}
	return make([]bool, n)
}

// jaroMatches marks the bytes of a and b that match within the Jaro window
// and returns their number.
func jaroMatches[A, B text](a A, b B, ma, mb []bool) int {
	window := max(max(len(a), len(b))/2-1, 1)
	m := 0
	for i := 0; i < len(a); i++ {
		lo, hi := max(0, i-window), min(len(b), i+window+1)
		for j := lo; j < hi; j++ {
			if !mb[j] && a[i] == b[j] {
				ma[i], mb[j] = true, true
				m++
				break
			}
		}
	}
	return m
}

// jaroTranspositions counts matched bytes that appear in a different order.
func jaroTranspositions[A, B text](a A, b B, ma, mb []bool) int {
	t, k := 0, 0
	for i := 0; i < len(a); i++ {
		if !ma[i] {
			continue
		}
		for !mb[k] {
			k++
		}
		if a[i] != b[k] {
			t++
		}
		k++
	}
	return t
}

// osaDistance returns the optimal-string-alignment distance of a and b:
// the number of insertions, deletions, substitutions and transpositions of
// adjacent bytes needed to turn one into the other, each substring edited
// at most once (restricted Damerau-Levenshtein). When the shorter input
// fits in a machine word (every token in practice) it runs Hyyrö's
// bit-vector algorithm, a few word operations per byte of the longer
// input; otherwise the dynamic programme, osaDistanceRows.
func osaDistance(a, b string) int {
	if len(a) < len(b) {
		a, b = b, a
	}
	if len(b) == 0 {
		return len(a)
	}
	if len(b) > 64 {
		return osaDistanceRows(a, b)
	}
	return osaDistanceBits(a, b)
}

// osaDistanceBits is osaDistance for 0 < len(b) <= 64 (H. Hyyrö, "A
// bit-vector algorithm for computing Levenshtein and Damerau edit
// distances", Nordic Journal of Computing 10, 2003). Bit i of vp and vn
// says whether the distance column grows or shrinks at b[i]; dist follows
// its last cell while a is read.
func osaDistanceBits(a, b string) int {
	var peq [32]uint64 // positions in b of each letter a-z, by its low five bits
	letters := lowerLetters(a) && lowerLetters(b)
	if letters {
		for i := 0; i < len(b); i++ {
			peq[b[i]&31] |= 1 << i
		}
	}
	var vp, vn, d0, pmPrev uint64 = ^uint64(0), 0, 0, 0
	last := uint64(1) << (len(b) - 1)
	dist := len(b)
	for i := 0; i < len(a); i++ {
		var pm uint64
		if letters {
			pm = peq[a[i]&31]
		} else {
			pm = positionsOf(b, a[i])
		}
		tr := ((^d0 & pm) << 1) & pmPrev
		d0 = (((pm & vp) + vp) ^ vp) | pm | vn | tr
		hp := vn | ^(d0 | vp)
		hn := d0 & vp
		if hp&last != 0 {
			dist++
		} else if hn&last != 0 {
			dist--
		}
		hp, hn = hp<<1|1, hn<<1
		vp, vn = hn|^(d0|hp), hp&d0
		pmPrev = pm
	}
	return dist
}

// lowerLetters reports whether s has only the bytes a-z.
func lowerLetters(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i]-'a' > 'z'-'a' {
			return false
		}
	}
	return true
}

// positionsOf returns the bits of the positions of c in s (len(s) <= 64).
func positionsOf(s string, c byte) uint64 {
	var m uint64
	for i := 0; i < len(s); i++ {
		// 1 exactly when s[i] == c: the difference is below 256, so
		// subtracting one wraps only for zero.
		m |= ((uint64(s[i]^c) - 1) >> 63) << i
	}
	return m
}

// osaDistanceRows is osaDistance by dynamic programming over rows, for
// any lengths (len(a) >= len(b) > 0).
func osaDistanceRows(a, b string) int {
	var buf [3][stackLen + 1]int
	prev2, prev, cur := rows(buf[0][:], len(b)), rows(buf[1][:], len(b)), rows(buf[2][:], len(b))
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		osaRow(a, b, i, prev2, prev, cur)
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(b)]
}

func rows(buf []int, n int) []int {
	if n+1 <= len(buf) {
		return buf[:n+1]
	}
	return make([]int, n+1)
}

// osaRow fills cur, the distances for a[:i], from the two previous rows.
func osaRow(a, b string, i int, prev2, prev, cur []int) {
	cur[0] = i
	for j := 1; j <= len(b); j++ {
		cost := 1
		if a[i-1] == b[j-1] {
			cost = 0
		}
		d := min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
			d = min(d, prev2[j-2]+1)
		}
		cur[j] = d
	}
}
