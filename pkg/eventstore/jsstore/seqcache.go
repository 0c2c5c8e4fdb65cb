package jsstore

// maxKnown bounds seqCache; it is cleared when full.
const maxKnown = 4096

// seqCache remembers, per subject, the last stream sequence this store
// committed. A request expecting an older sequence is certainly stale
// (the log never shrinks), so the committer fails it without a round trip
// and, more importantly, without poisoning a shared atomic batch. The
// committer owns it (no locking) and clears it whenever it goes idle, so
// that an entry never outlives a burst of traffic.
type seqCache map[string]uint64

// stale reports whether a request expecting lastSeq on subject must fail.
func (c seqCache) stale(subject string, lastSeq uint64) bool {
	return c[subject] > lastSeq
}

// set records that seq is now the last sequence of subject.
func (c seqCache) set(subject string, seq uint64) {
	if len(c) >= maxKnown {
		clear(c)
	}
	c[subject] = seq
}
