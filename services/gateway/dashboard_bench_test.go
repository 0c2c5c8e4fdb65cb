package gateway_test

import (
	"path/filepath"
	"slices"
	"strconv"
	"testing"

	"github.com/chromedp/chromedp"
)

// BenchmarkDashboardFirstRender loads the trends dashboard in headless
// Chromium, signed in as DEU, over 310 items (the size of the demo data)
// shared through the real services, and reports the time from navigation
// to every chart drawn as the page records it (data-first-render-ms),
// median and 99th percentile. Beside it, in the same browser and run, the
// load of the sign-in page (a small server-rendered page with one
// stylesheet): the cost of a navigation itself on this machine.
//
//	make bench-ui
func BenchmarkDashboardFirstRender(b *testing.B) {
	if raceEnabled {
		b.Skip("timings under the race detector mean nothing")
	}
	st := startStack(b, stackOptions{dev: true})
	br := newBrowser(b, filepath.Join(st.pki.Dir(), "server.pem"))
	seedAll(b, st, seedPlan(b, 310))
	base := st.gw.URL()
	br.do(b, "sign in as DEU", chromedp.Navigate(base+"/trends"), chromedp.WaitVisible(chromedp.CSS(`button[data-id="DEU"]`)),
		chromedp.Click(chromedp.CSS(`button[data-id="DEU"]`)), dashboardReady(""))

	var dashboard, signin []float64
	b.ResetTimer()
	for range b.N {
		br.do(b, "load the dashboard", chromedp.Navigate(base+"/trends"), dashboardReady(""))
		ms, err := strconv.Atoi(br.attrs(b, `[data-testid="dashboard"]`)[0]["data-first-render-ms"])
		if err != nil {
			b.Fatal(err)
		}
		dashboard = append(dashboard, float64(ms))
		br.do(b, "load the sign-in page", chromedp.Navigate(base+"/signin"), chromedp.WaitReady(chromedp.CSS(`body`)))
		load := value(b, br, "sign-in load time", chromedp.Evaluate[float64](
			`new Promise((done) => { const check = () => { const n = performance.getEntriesByType('navigation')[0]; if (n && n.loadEventEnd > 0) done(n.loadEventEnd); else setTimeout(check, 5); }; check(); })`,
			chromedp.EvalAwaitPromise))
		signin = append(signin, load)
	}
	b.StopTimer()
	b.ReportMetric(quantile(dashboard, 0.5), "dashboard-p50-ms")
	b.ReportMetric(quantile(dashboard, 0.99), "dashboard-p99-ms")
	b.ReportMetric(quantile(signin, 0.5), "signin-p50-ms")
	b.ReportMetric(quantile(dashboard, 0.5)/max(quantile(signin, 0.5), 1), "dashboard/signin")
	b.ReportMetric(0, "ns/op") // the wall time per iteration holds two loads and the test's polling
}

// quantile returns the q-quantile of xs (nearest rank).
func quantile(xs []float64, q float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	return s[min(len(s)-1, int(q*float64(len(s))))]
}
