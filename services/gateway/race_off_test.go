//go:build !race

package gateway_test

// raceEnabled reports whether the tests run with the race detector,
// which slows the services too much for timing budgets to mean anything.
const raceEnabled = false
