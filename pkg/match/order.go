package match

// Order handling. Names are compared as bags of tokens, so reordering costs
// only a small penalty. A pair counts as out of order when it is not part of
// the longest run of pairs whose candidate positions increase with their
// query positions, under the best of the written and given-name-first
// orders of both names ("QADHAFI, Muammar" is in order with
// "Muammar Qadhafi").

// markReordered sets link.reordered on the chosen links.
func (s *scorer) markReordered() {
	if len(s.chosen) < 2 {
		return
	}
	best, bestMask := -1, uint64(0)
	for _, qg := range orders(s.qSplit) {
		for _, cg := range orders(s.cSplit) {
			if n, mask := s.inOrder(qg, cg); n > best {
				best, bestMask = n, mask
			}
		}
	}
	for i := range s.chosen {
		s.chosen[i].reordered = bestMask&(1<<i) == 0
	}
}

// orders lists the orders worth trying for a name with comma split split.
func orders(split int) []bool {
	if split > 0 {
		return []bool{false, true}
	}
	return []bool{false}
}

// position returns where token i of n stands in the written order, or in
// the given-name-first order when givenFirst is set.
func position(i, n, split int, givenFirst bool) int {
	switch {
	case !givenFirst:
		return i
	case i >= split:
		return i - split
	default:
		return i + n - split
	}
}

// inOrder returns the size of the longest in-order subset of the chosen
// links under the given orders, and a bit mask of its members.
func (s *scorer) inOrder(qGiven, cGiven bool) (int, uint64) {
	k := len(s.chosen)
	var idx, cpos, lis, prev [MaxTokens]int
	for i := 0; i < k; i++ {
		idx[i] = i
	}
	qp := func(i int) int { return position(s.chosen[i].qi, len(s.q), s.qSplit, qGiven) }
	for i := 1; i < k; i++ { // insertion sort by query position
		for j := i; j > 0 && qp(idx[j]) < qp(idx[j-1]); j-- {
			idx[j], idx[j-1] = idx[j-1], idx[j]
		}
	}
	for i := 0; i < k; i++ {
		cpos[i] = position(s.chosen[idx[i]].ci, len(s.c), s.cSplit, cGiven)
	}
	end := longestIncreasing(cpos[:k], lis[:k], prev[:k])
	var mask uint64
	n := 0
	for i := end; i >= 0; i = prev[i] {
		mask |= 1 << idx[i]
		n++
	}
	return n, mask
}

// longestIncreasing computes, for each i, the length lis[i] of the longest
// strictly increasing subsequence of v ending at i and its predecessor
// prev[i] (-1 for none); it returns the end of the longest one overall.
func longestIncreasing(v, lis, prev []int) int {
	end := 0
	for i := range v {
		lis[i], prev[i] = 1, -1
		for j := 0; j < i; j++ {
			if v[j] < v[i] && lis[j]+1 > lis[i] {
				lis[i], prev[i] = lis[j]+1, j
			}
		}
		if lis[i] > lis[end] {
			end = i
		}
	}
	return end
}
