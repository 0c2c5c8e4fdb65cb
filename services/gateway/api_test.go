package gateway_test

import (
	"net/http"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// assetPrefix reads the versioned asset prefix ("/static/<hash>") from
// the sign-in page.
func assetPrefix(t *testing.T, c *http.Client, base string) string {
	t.Helper()
	_, body := get(t, c, base, "/signin")
	m := regexp.MustCompile(`href="(/static/[0-9a-f]{16})/app.css"`).FindStringSubmatch(body)
	if m == nil {
		t.Fatalf("no stylesheet link on the sign-in page:\n%s", body)
	}
	return m[1]
}

// inbox lists every item id in member's inbox through the JSON API.
func inboxIDs(t *testing.T, c *http.Client, base string) []string {
	t.Helper()
	var ids []string
	token := ""
	for {
		var res struct {
			Items []struct {
				ID string `json:"id"`
			} `json:"items"`
			NextPageToken string `json:"nextPageToken"`
		}
		mustCall(t, c, base, "ViewsService/ListInbox", map[string]any{"pageSize": 1000, "pageToken": token}, &res)
		for _, it := range res.Items {
			ids = append(ids, it.ID)
		}
		if token = res.NextPageToken; token == "" {
			return ids
		}
	}
}

// TestAPIUsesTheCertificatePrincipal shares items through the JSON API
// with client certificates and checks that each member reads exactly
// what is releasable to it, as over gRPC.
func TestAPIUsesTheCertificatePrincipal(t *testing.T) {
	st := startStack(t, stackOptions{})
	plan := seedPlan(t, 12)
	seedAll(t, st, plan)
	base := st.gw.URL()
	restricted := plan[len(plan)-1]
	for _, m := range members {
		c := st.client(t, m)
		got := inboxIDs(t, c, base)
		var want []string
		for _, s := range plan {
			if s.by != m && s.visibleTo(m) {
				want = append(want, s.id)
			}
		}
		slices.Sort(got)
		slices.Sort(want)
		if !slices.Equal(got, want) {
			t.Errorf("%s inbox = %v, want %v", m, got, want)
		}
		code, e := call(t, c, base, "ViewsService/GetItem", map[string]any{"id": restricted.id}, nil)
		switch {
		case restricted.visibleTo(m) && code != http.StatusOK:
			t.Errorf("%s GetItem(restricted) = %d %+v, want 200", m, code, e)
		case !restricted.visibleTo(m) && (code != http.StatusNotFound || e.Code != 5):
			t.Errorf("%s GetItem(restricted) = %d %+v, want 404 NOT_FOUND", m, code, e)
		}
	}
	t.Run("a member cannot act on what it cannot see", func(t *testing.T) {
		code, e := call(t, st.client(t, "DEU"), base, "DenialsService/AcknowledgeDenial", map[string]any{"requestId": "x", "denialId": restricted.id}, nil)
		if code != http.StatusNotFound {
			t.Fatalf("DEU acknowledges restricted: %d %+v, want 404", code, e)
		}
	})
	t.Run("spoofed principal headers change nothing", func(t *testing.T) {
		c := st.client(t, "DEU")
		for _, h := range []string{"Grpc-Metadata-Vigil-Gateway-Principal", "Vigil-Gateway-Principal", "Grpc-Metadata-Vigil-Gateway-Secret"} {
			req, _ := http.NewRequestWithContext(t.Context(), http.MethodPost, base+"/api/vigil.v1.ViewsService/GetItem",
				strings.NewReader(`{"id":"`+restricted.id+`"}`))
			req.Header.Set(h, "JPN")
			req.Header.Set("Content-Type", "application/json")
			res, err := c.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			_ = res.Body.Close()
			if res.StatusCode != http.StatusNotFound {
				t.Errorf("DEU with %s: JPN got %d, want 404", h, res.StatusCode)
			}
		}
	})
	t.Run("validation errors keep their codes", func(t *testing.T) {
		code, e := call(t, st.client(t, "FRA"), base, "ViewsService/ListInbox", map[string]any{"filter": map[string]any{"country": "XX"}}, nil)
		if code != http.StatusBadRequest || e.Code != 3 {
			t.Fatalf("bad country: %d %+v, want 400 INVALID_ARGUMENT", code, e)
		}
	})
}

// TestTrendsThroughAPI compares the trends two members get through the
// JSON API with counts computed from the seeded items: the same query
// gives different numbers to different members.
func TestTrendsThroughAPI(t *testing.T) {
	st := startStack(t, stackOptions{})
	plan := seedPlan(t, 30)
	seedAll(t, st, plan)
	for _, m := range []string{"DEU", "JPN"} {
		want := expect(plan, m, nil)
		var res trendsResponse
		mustCall(t, st.client(t, m), st.gw.URL(), "TrendsService/GetTrends", map[string]any{"dimension": "TREND_DIMENSION_KIND"}, &res)
		if got := res.totals(); !mapsEqual(got, want.kinds) || res.TotalItems != strconv.Itoa(want.total) {
			t.Errorf("%s kinds = %v (total %s), want %v (total %d)", m, got, res.TotalItems, want.kinds, want.total)
		}
		mustCall(t, st.client(t, m), st.gw.URL(), "TrendsService/GetTrends", map[string]any{"dimension": "TREND_DIMENSION_DESTINATION", "limit": 20}, &res)
		if got := res.totals(); !mapsEqual(got, want.dests) {
			t.Errorf("%s destinations = %v, want %v", m, got, want.dests)
		}
	}
	if a, b := expect(plan, "DEU", nil).total, expect(plan, "JPN", nil).total; a == b {
		t.Fatalf("the plan should give DEU and JPN different totals, both %d", a)
	}
}

// TestUnauthenticated checks that without a certificate or a picked
// identity the API answers 401 and pages redirect to the sign-in page,
// while the sign-in page and the static assets are served.
func TestUnauthenticated(t *testing.T) {
	st := startStack(t, stackOptions{})
	c := st.client(t, "")
	base := st.gw.URL()
	if code, e := call(t, c, base, "ViewsService/ListInbox", map[string]any{}, nil); code != http.StatusUnauthorized || e.Code != 16 {
		t.Errorf("API without certificate: %d %+v, want 401 UNAUTHENTICATED", code, e)
	}
	if res, _ := get(t, c, base, "/api/openapi.json"); res.StatusCode != http.StatusUnauthorized {
		t.Errorf("OpenAPI without certificate: %d, want 401", res.StatusCode)
	}
	for _, p := range []string{"/", "/trends", "/items/abc", "/nowhere"} {
		res, _ := get(t, c, base, p)
		if loc := res.Header.Get("Location"); res.StatusCode != http.StatusSeeOther || !strings.HasPrefix(loc, "/signin?next=") {
			t.Errorf("GET %s: %d to %q, want 303 to /signin", p, res.StatusCode, loc)
		}
	}
	res, body := get(t, c, base, "/signin")
	if res.StatusCode != http.StatusOK || strings.Contains(body, "DEVELOPMENT IDENTITY PICKER") || strings.Contains(body, `name="id"`) {
		t.Errorf("sign-in page outside development mode: %d, picker shown: %v", res.StatusCode, strings.Contains(body, `name="id"`))
	}
	if res := pick(t, c, base, "FRA"); res.StatusCode != http.StatusNotFound || len(res.Cookies()) != 0 {
		t.Errorf("picking an identity outside development mode: %d, cookies %v; want 404 and none", res.StatusCode, res.Cookies())
	}
	static := assetPrefix(t, c, base)
	if res, _ := get(t, c, base, static+"/js/app.js"); res.StatusCode != http.StatusOK || res.Header.Get("Content-Type") != "text/javascript; charset=utf-8" ||
		!strings.Contains(res.Header.Get("Cache-Control"), "immutable") {
		t.Errorf("static asset: %d %s %s", res.StatusCode, res.Header.Get("Content-Type"), res.Header.Get("Cache-Control"))
	}
	if res, _ := get(t, c, base, "/static/0000000000000000/js/app.js"); res.StatusCode != http.StatusNotFound {
		t.Errorf("asset of another version: %d, want 404", res.StatusCode)
	}
}

// TestCertificateSignsIn checks pages and the session with a client
// certificate: no banner, the principal named.
func TestCertificateSignsIn(t *testing.T) {
	st := startStack(t, stackOptions{dev: true})
	res, body := get(t, st.client(t, "KOR-customs"), st.gw.URL(), "/trends")
	if res.StatusCode != http.StatusOK || !strings.Contains(body, `data-principal="KOR-customs"`) {
		t.Fatalf("page with certificate: %d\n%s", res.StatusCode, body)
	}
	if strings.Contains(body, "DEVELOPMENT IDENTITY PICKER") {
		t.Error("the development banner shows for a certificate")
	}
	if res, _ := get(t, st.client(t, "KOR"), st.gw.URL(), "/nowhere"); res.StatusCode != http.StatusNotFound {
		t.Errorf("unknown page: %d, want 404", res.StatusCode)
	}
}

// TestSecurityHeaders checks the Content-Security-Policy and the other
// headers on pages, assets, the API and the sign-in page.
func TestSecurityHeaders(t *testing.T) {
	st := startStack(t, stackOptions{dev: true})
	c := st.client(t, "FRA")
	const csp = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
		"frame-ancestors 'none'; base-uri 'none'; form-action 'self'"
	static := assetPrefix(t, c, st.gw.URL())
	for _, p := range []string{"/", "/trends", "/signin", static + "/app.css", "/api/openapi.json", "/nowhere"} {
		res, _ := get(t, c, st.gw.URL(), p)
		h := res.Header
		if h.Get("Content-Security-Policy") != csp || h.Get("X-Content-Type-Options") != "nosniff" ||
			h.Get("Referrer-Policy") != "no-referrer" || !strings.HasPrefix(h.Get("Strict-Transport-Security"), "max-age=") {
			t.Errorf("%s: headers %v", p, h)
		}
	}
	res, _ := get(t, c, st.gw.URL(), static+"/app.css")
	etag := res.Header.Get("ETag")
	if res, _ := get(t, c, st.gw.URL(), static+"/app.css", "If-None-Match", etag); etag == "" || res.StatusCode != http.StatusNotModified {
		t.Errorf("asset revalidation: ETag %q, then %d", etag, res.StatusCode)
	}
}

// TestCrossOriginRequestsRefused checks that a browser's cross-site POST
// (which would carry the client certificate) never reaches the services.
func TestCrossOriginRequestsRefused(t *testing.T) {
	st := startStack(t, stackOptions{dev: true})
	c := st.client(t, "FRA")
	req, _ := http.NewRequestWithContext(t.Context(), http.MethodPost, st.gw.URL()+"/api/vigil.v1.DenialsService/NotifyDenial", strings.NewReader("{}"))
	req.Header.Set("Sec-Fetch-Site", "cross-site")
	req.Header.Set("Content-Type", "text/plain")
	res, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	_ = res.Body.Close()
	if res.StatusCode != http.StatusForbidden {
		t.Fatalf("cross-site POST: %d, want 403", res.StatusCode)
	}
}

// TestOpenAPIDocument checks that the embedded copy equals the generated
// document (run go generate after make proto) and that it is served.
func TestOpenAPIDocument(t *testing.T) {
	want, err := os.ReadFile("../../proto/openapi/vigil.swagger.json")
	if err != nil {
		t.Fatal(err)
	}
	copied, err := os.ReadFile("openapi/vigil.swagger.json")
	if err != nil {
		t.Fatal(err)
	}
	if string(copied) != string(want) {
		t.Fatal("openapi/vigil.swagger.json differs from proto/openapi/vigil.swagger.json: run go generate ./... in services/gateway")
	}
	st := startStack(t, stackOptions{})
	res, body := get(t, st.client(t, "FRA"), st.gw.URL(), "/api/openapi.json")
	if res.StatusCode != http.StatusOK || body != string(want) || res.Header.Get("Content-Type") != "application/json" {
		t.Fatalf("GET /api/openapi.json: %d %s, body equal: %v", res.StatusCode, res.Header.Get("Content-Type"), body == string(want))
	}
}
