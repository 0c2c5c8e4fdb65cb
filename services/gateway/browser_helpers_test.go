package gateway_test

import (
	"context"
	"crypto/sha256"
	"crypto/x509"
	"encoding/base64"
	"encoding/pem"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// chromiumPath is Debian's chromium, installed by scripts/browser-deps.sh.
const chromiumPath = "/usr/bin/chromium"

// screenshotDir is build/screenshots at the repository root.
var screenshotDir = filepath.Join("..", "..", "build", "screenshots")

// ensureChromium installs chromium with scripts/browser-deps.sh when it
// is missing. The test is skipped only when the script says this user
// cannot install it (exit status 3: not root, no sudo); any other
// failure fails the test.
func ensureChromium(t testing.TB) {
	t.Helper()
	if testing.Short() {
		t.Skip("browser end-to-end test skipped in -short mode")
	}
	if _, err := os.Stat(chromiumPath); err == nil {
		return
	}
	cmd := exec.CommandContext(t.Context(), filepath.Join("..", "..", "scripts", "browser-deps.sh"))
	out, err := cmd.CombinedOutput()
	var exit *exec.ExitError
	switch {
	case err == nil:
	case errors.As(err, &exit) && exit.ExitCode() == 3:
		t.Skipf("chromium is not installed and cannot be installed by this user; run scripts/browser-deps.sh as root:\n%s", out)
	default:
		t.Fatalf("scripts/browser-deps.sh: %v\n%s", err, out)
	}
	if _, err := os.Stat(chromiumPath); err != nil {
		t.Fatalf("scripts/browser-deps.sh succeeded but %s is missing: %v", chromiumPath, err)
	}
}

// spkiHash is the base64 SHA-256 of the server certificate's public key,
// for --ignore-certificate-errors-spki-list: the browser trusts that one
// key (the development server's) and no other untrusted certificate.
func spkiHash(t testing.TB, certFile string) string {
	t.Helper()
	data, err := os.ReadFile(certFile)
	if err != nil {
		t.Fatal(err)
	}
	block, _ := pem.Decode(data)
	if block == nil {
		t.Fatalf("%s: no PEM block", certFile)
	}
	cert, err := x509.ParseCertificate(block.Bytes)
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(cert.RawSubjectPublicKeyInfo)
	return base64.StdEncoding.EncodeToString(sum[:])
}

// browser is a headless chromium tab, with every JavaScript exception,
// console error and Content-Security-Policy report collected.
type browser struct {
	ctx      context.Context
	mu       sync.Mutex
	problems []string
	expected map[string]int // problems the test provokes: text -> how many more
}

// newBrowser starts Debian's chromium with the flags this machine needs
// and a fresh profile, trusting the development server's key.
func newBrowser(t testing.TB, serverCert string) *browser {
	t.Helper()
	ensureChromium(t)
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(chromiumPath),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("ignore-certificate-errors-spki-list", spkiHash(t, serverCert)),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1400, 1000),
	}
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelCtx := chromedp.NewContext(allocCtx)
	t.Cleanup(func() { cancelCtx(); cancelAlloc() })
	b := &browser{ctx: ctx}
	if err := chromedp.Listen(ctx, b.collect); err != nil {
		t.Fatalf("start chromium: %v", err)
	}
	return b
}

// collect records exceptions, console errors and browser log errors
// (Content-Security-Policy violations among them). It runs in the tab's
// message loop, so it only appends under a lock.
func (b *browser) collect(ev any) {
	var p string
	switch ev := ev.(type) {
	case *runtime.EventExceptionThrown:
		p = "exception: " + ev.ExceptionDetails.Text
		if ev.ExceptionDetails.Exception != nil {
			p += " " + ev.ExceptionDetails.Exception.Description
		}
	case *runtime.EventConsoleAPICalled:
		if ev.Type == runtime.ConsoleAPICalledTypeError {
			var args []string
			for _, a := range ev.Args {
				args = append(args, string(a.Value)+a.Description)
			}
			p = "console.error: " + strings.Join(args, " ")
		}
	case *log.EventEntryAdded:
		if ev.Entry.Level == log.EntryLevelError && !strings.Contains(ev.Entry.Text, "status of 404") {
			p = fmt.Sprintf("log %s: %s %s", ev.Entry.Source, ev.Entry.Text, ev.Entry.URL)
		}
	}
	if p == "" {
		return
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	for text, n := range b.expected {
		if n > 0 && strings.Contains(p, text) {
			b.expected[text] = n - 1
			return
		}
	}
	b.problems = append(b.problems, p)
}

// expect lets the next n problems containing text pass: a command the
// test has the server refuse on purpose shows in the browser's log as a
// failed request ("status of 400").
func (b *browser) expect(text string, n int) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.expected == nil {
		b.expected = map[string]int{}
	}
	b.expected[text] += n
}

// checkProblems fails the test for any collected problem.
func (b *browser) checkProblems(t testing.TB) {
	t.Helper()
	b.mu.Lock()
	defer b.mu.Unlock()
	for _, p := range b.problems {
		t.Errorf("browser: %s", p)
	}
	b.problems = nil
}

// timeout bounds each browser step.
const timeout = 30 * time.Second

// fail reports a failed step with the page's main element.
func (b *browser) fail(t testing.TB, what string, err error) {
	t.Helper()
	html, _ := chromedp.Run(b.ctx, chromedp.OuterHTML(chromedp.CSS("body")))
	t.Fatalf("%s: %v\npage: %.3000s", what, err, html)
}

// do runs steps with a deadline.
func (b *browser) do(t testing.TB, what string, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, timeout)
	defer cancel()
	if err := chromedp.Do(ctx, steps...); err != nil {
		b.fail(t, what, err)
	}
}

// value runs one action with a deadline and returns its value.
func value[T any](t testing.TB, b *browser, what string, a chromedp.Action[T]) T {
	t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, timeout)
	defer cancel()
	v, err := chromedp.Run(ctx, a)
	if err != nil {
		b.fail(t, what, err)
	}
	return v
}

// screenshot saves the whole page as build/screenshots/<name>.png.
func (b *browser) screenshot(t testing.TB, name string) string {
	t.Helper()
	return b.save(t, name, value(t, b, "screenshot "+name, chromedp.FullScreenshot(100)))
}

// screenshotViewport saves what the window shows, for long pages.
func (b *browser) screenshotViewport(t testing.TB, name string) string {
	t.Helper()
	return b.save(t, name, value(t, b, "screenshot "+name, chromedp.CaptureScreenshot()))
}

// save writes a PNG to build/screenshots/<name>.png.
func (b *browser) save(t testing.TB, name string, png []byte) string {
	t.Helper()
	if err := os.MkdirAll(screenshotDir, 0o755); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(screenshotDir, name+".png")
	if err := os.WriteFile(path, png, 0o644); err != nil {
		t.Fatal(err)
	}
	abs, _ := filepath.Abs(path)
	t.Logf("screenshot %s", abs)
	return path
}

// attrs reads the attributes of every element matching the CSS selector
// now, without waiting: none is an empty slice.
func (b *browser) attrs(t testing.TB, sel string) []map[string]string {
	t.Helper()
	js := fmt.Sprintf(`[...document.querySelectorAll(%q)].map((e) => Object.fromEntries([...e.attributes].map((a) => [a.name, a.value])))`, sel)
	return value(t, b, "attributes of "+sel, chromedp.Evaluate[[]map[string]string](js))
}

// counts reads the elements' keyAttr and data-count into a map.
func (b *browser) counts(t testing.TB, sel, keyAttr string) map[string]int {
	t.Helper()
	out := map[string]int{}
	for _, a := range b.attrs(t, sel) {
		var n int
		if _, err := fmt.Sscan(a["data-count"], &n); err != nil {
			t.Fatalf("%s: count %q", sel, a["data-count"])
		}
		out[a[keyAttr]] += n
	}
	return out
}

// page returns the page's visible text and its HTML.
func (b *browser) page(t testing.TB) string {
	t.Helper()
	text := value(t, b, "read text", chromedp.Text(chromedp.CSS("body")))
	html := value(t, b, "read html", chromedp.OuterHTML(chromedp.CSS("html")))
	return text + "\n" + html
}
