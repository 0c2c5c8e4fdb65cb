package platform_test

import (
	"encoding/json"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestVigilctl runs the README walkthrough with the real vigilctl binary
// against a running platform: JSON output, exit statuses, server messages.
func TestVigilctl(t *testing.T) {
	if testing.Short() {
		t.Skip("builds vigilctl")
	}
	bin := filepath.Join(t.TempDir(), "vigilctl")
	if out, err := exec.Command("go", "build", "-o", bin, "github.com/vigil-org/vigil/services/vigilctl").CombinedOutput(); err != nil {
		t.Fatalf("build vigilctl: %v\n%s", err, out)
	}
	r := startPlatform(t, t.TempDir(), nil)
	example := filepath.Join("..", "..", "..", "examples", "denial.json")
	ctl := func(as string, args ...string) (string, int) {
		cmd := exec.Command(bin, append([]string{"--server", r.p.Addr(), "--data-dir", r.dir, "--as", as}, args...)...)
		out, err := cmd.CombinedOutput()
		code := 0
		if ee, ok := err.(*exec.ExitError); ok {
			code = ee.ExitCode()
		} else if err != nil {
			t.Fatal(err)
		}
		return string(out), code
	}
	out, code := ctl("FRA", "-o", "json", "denial", "notify", "-f", example, "--request-id", "fr-0412")
	var res struct{ ID, Position string }
	if err := json.Unmarshal([]byte(out), &res); code != 0 || err != nil || res.ID == "" {
		t.Fatalf("notify: exit %d, %q, %v", code, out, err)
	}
	if out, _ := ctl("FRA", "denial", "notify", "-f", example, "--request-id", "fr-0412"); !strings.Contains(out, "duplicate") {
		t.Errorf("second notify says %q, want a duplicate", out)
	}
	out, code = ctl("DEU", "-o", "json", "denial", "list", "--inbox", "--min-position", res.Position)
	var rows []map[string]any
	if err := json.Unmarshal([]byte(out), &rows); code != 0 || err != nil || len(rows) != 1 || rows[0]["id"] != res.ID {
		t.Fatalf("DEU list: exit %d, %v, %q", code, err, out)
	}
	if out, code = ctl("KOR", "denial", "show", res.ID); code != 1 || !strings.Contains(out, "NotFound") {
		t.Errorf("KOR show: exit %d, %q; want 1 and NotFound", code, out)
	}
	if out, code = ctl("DEU", "denial", "amend", res.ID, "-f", example); code != 1 || !strings.Contains(out, "PermissionDenied") {
		t.Errorf("DEU amend: exit %d, %q; want 1 and PermissionDenied", code, out)
	}
	if _, code = ctl("DEU", "denial", "ack", res.ID); code != 0 {
		t.Errorf("DEU ack: exit %d", code)
	}
	if out, code = ctl("FRA", "denial", "show", res.ID); code != 0 || !strings.Contains(out, "DEU acknowledged=yes") {
		t.Errorf("FRA show: exit %d, %q", code, out)
	}
	// The no-undercut check, screening and a consultation (issue 5).
	app := filepath.Join("..", "..", "..", "examples", "application.json")
	if out, code = ctl("JPN", "check", "-f", app); code != 0 || !strings.Contains(out, res.ID) {
		t.Errorf("JPN check: exit %d, %q; want FRA's denial %s", code, out, res.ID)
	}
	out, code = ctl("JPN", "-o", "json", "screen", "Shahid Hemat Industries Group", "--country", "IRN")
	var matches []map[string]any
	if err := json.Unmarshal([]byte(out), &matches); code != 0 || err != nil || len(matches) == 0 || matches[0]["score"] == nil {
		t.Errorf("JPN screen: exit %d, %v, %q", code, err, out)
	}
	if out, code = ctl("KOR", "-o", "json", "screen", "Shahid Hemat Industries Group"); code != 0 || strings.TrimSpace(out) != "[]" {
		t.Errorf("KOR screen: exit %d, %q; want nothing", code, out)
	}
	if out, code = ctl("JPN", "consult", "request", res.ID, "-f", app, "--comment", "same end-user?"); code != 0 {
		t.Errorf("JPN consult request: exit %d, %q", code, out)
	}
	if out, code = ctl("FRA", "consult", "list", "--open"); code != 0 || !strings.Contains(out, res.ID) {
		t.Errorf("FRA consult list: exit %d, %q", code, out)
	}
	if _, code = ctl("FRA", "denial", "frobnicate"); code != 2 {
		t.Errorf("unknown command: exit %d, want 2", code)
	}
}
