package jsstore

// round is the set of requests the committer writes together.
type round struct {
	budget   int // messages allowed
	n        int // messages taken
	reqs     []*pending
	rest     []*pending // deferred to a later round
	subjects map[string]struct{}
	known    seqCache
	full     bool // stop taking from the queue
}

func newRound(budget int, known seqCache) *round {
	return &round{budget: budget, subjects: map[string]struct{}{}, known: known}
}

// offer takes p into the round, defers it, or answers it at once:
//   - a request whose caller has gone is dropped (answered with its
//     context's error, which nobody reads);
//   - a request the sequence cache proves stale fails as a conflict;
//   - a second request for a subject already in the round waits for the
//     next one (the server allows one expected-sequence check per subject
//     per batch, and the second would be stale anyway);
//   - a request that does not fit the message budget waits too.
func (r *round) offer(p *pending) {
	if err := p.ctx.Err(); err != nil {
		p.finish(outcome{kind: failed, err: err})
		return
	}
	if r.known.stale(p.subject, p.lastSeq) {
		p.finish(outcome{kind: conflict})
		return
	}
	if _, dup := r.subjects[p.subject]; dup {
		r.rest = append(r.rest, p)
		return
	}
	if r.n > 0 && r.n+len(p.msgs) > r.budget {
		r.rest = append(r.rest, p)
		r.full = true
		return
	}
	r.subjects[p.subject] = struct{}{}
	r.reqs = append(r.reqs, p)
	r.n += len(p.msgs)
	r.full = r.n >= r.budget
}
