package gateway_test

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"google.golang.org/grpc"

	"github.com/vigil-org/vigil/pkg/identity"
	"github.com/vigil-org/vigil/services/gateway"
)

// TestDevelopmentPicker signs in through the picker and checks the
// cookie, the banner, that the API acts as the picked identity, that a
// certificate wins over the cookie, and signing out.
func TestDevelopmentPicker(t *testing.T) {
	st := startStack(t, stackOptions{dev: true})
	base := st.gw.URL()
	c := st.client(t, "")

	res, body := get(t, c, base, "/signin?next=/own")
	if res.StatusCode != http.StatusOK || !strings.Contains(body, "DEVELOPMENT IDENTITY PICKER") {
		t.Fatalf("picker page: %d\n%s", res.StatusCode, body)
	}
	for _, e := range identity.DemoRoster() {
		if !strings.Contains(body, `data-id="`+e.ID+`"`) {
			t.Errorf("picker lacks %s", e.ID)
		}
	}
	if res := pick(t, c, base, "ZZZ"); res.StatusCode != http.StatusBadRequest || len(res.Cookies()) != 0 {
		t.Errorf("picking an ID off the roster: %d, cookies %v", res.StatusCode, res.Cookies())
	}
	res = pick(t, c, base, "JPN")
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/trends" {
		t.Fatalf("pick: %d to %q", res.StatusCode, res.Header.Get("Location"))
	}
	set := res.Header.Get("Set-Cookie")
	for _, attr := range []string{"__Host-vigil-dev-identity=", "HttpOnly", "Secure", "SameSite=Strict", "Path=/"} {
		if !strings.Contains(set, attr) {
			t.Errorf("Set-Cookie %q lacks %s", set, attr)
		}
	}
	res, body = get(t, c, base, "/trends")
	if res.StatusCode != http.StatusOK || !strings.Contains(body, `data-principal="JPN"`) || !strings.Contains(body, `data-testid="dev-banner"`) {
		t.Fatalf("page after picking: %d\n%s", res.StatusCode, body)
	}
	if code, e := call(t, c, base, "ViewsService/ListInbox", map[string]any{}, nil); code != http.StatusOK {
		t.Fatalf("API as picked identity: %d %+v", code, e)
	}

	t.Run("a certificate wins over the cookie", func(t *testing.T) {
		kor := st.client(t, "KOR")
		kor.Jar = c.Jar
		_, body := get(t, kor, base, "/inbox")
		if !strings.Contains(body, `data-principal="KOR"`) || strings.Contains(body, "dev-banner") {
			t.Fatalf("certificate and cookie: page for %s", body[strings.Index(body, "<body"):][:80])
		}
	})

	t.Run("sign out", func(t *testing.T) {
		req, _ := http.NewRequestWithContext(t.Context(), http.MethodPost, base+"/signout", nil)
		res, err := c.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		_ = res.Body.Close()
		if res.StatusCode != http.StatusSeeOther {
			t.Fatalf("sign out: %d", res.StatusCode)
		}
		if code, _ := call(t, c, base, "ViewsService/ListInbox", map[string]any{}, nil); code != http.StatusUnauthorized {
			t.Fatalf("API after signing out: %d, want 401", code)
		}
	})
}

// TestRunAndClose checks the lifecycle: Run returns nil once its context
// is cancelled, and Close is safe before and after, twice.
func TestRunAndClose(t *testing.T) {
	st := startStack(t, stackOptions{})
	gw, err := gateway.New(gateway.Config{Listen: "127.0.0.1:0", PKI: st.pki,
		Register: []func(grpc.ServiceRegistrar){st.views.Register}})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan error, 1)
	go func() { done <- gw.Run(ctx) }()
	c := st.client(t, "FRA")
	deadline := time.Now().Add(10 * time.Second)
	for {
		code, _ := call(t, c, gw.URL(), "ViewsService/ListInbox", map[string]any{}, nil)
		if code == http.StatusOK {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("gateway never answered: %d", code)
		}
		time.Sleep(20 * time.Millisecond)
	}
	if code, e := call(t, c, gw.URL(), "DenialsService/NotifyDenial", map[string]any{}, nil); code != http.StatusNotImplemented || e.Code != 12 {
		t.Errorf("service not registered: %d %+v, want 501 UNIMPLEMENTED", code, e)
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("Run: %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Run did not return")
	}
	if err := gw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := gw.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := gateway.New(gateway.Config{PKI: st.pki}); err == nil {
		t.Error("New without services succeeded")
	}
}
