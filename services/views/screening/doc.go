// Package screening is the screening projection of the views service: the
// parties named by every denial, procurement report and alert, indexed for
// name matching (package match), with what Screen and CheckTransaction
// need to know of their items: kind, originator, audience, status, dates,
// destination, control entries and basis.
//
// # In memory, rebuilt from the log
//
// The projection lives in memory only. [Projection.Run] subscribes to the
// event log from the position the projection has reached, which is 0 on
// every start: each start replays the whole log. The log is the only
// truth, and replaying it keeps one source for the index instead of a
// second copy in the views database that could drift from it. Until the
// replay has reached the end of the log as it was when Run started, the
// projection is not ready ([Projection.WaitReady]): queries wait rather
// than answer from a partial index, because a missed denial is worse than
// a slow answer.
//
// # One index per audience
//
// Every item is seen by an audience: all members, or its originator and
// the members it is released to. The parties of an item go into the match
// index of its kind and audience (one [match.Index] per distinct pair), one
// entry per party: ID "<item id>#<party index>", the party's name and
// aliases, its country, and the item id as the only ref. A search for a
// member reads only the indexes of audiences it belongs to. This is what
// keeps a member from learning of items it cannot see: not only are such
// items never returned, they also cannot change the answer. A single
// shared index filtered after the search would leak through its term
// statistics (the weight of a word depends on how many indexed names
// contain it, so scores would move when a hidden item names the word) and
// through candidate limits (hidden entries could push visible ones out of
// the results). The price is that scores from a small audience's index
// weigh words more evenly than those from the large all-members index.
//
// Items are immutable once stored: a change stores a new [Item], so the
// items that queries return may be kept and read without locking.
package screening
