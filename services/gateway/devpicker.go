package gateway

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/vigil-org/vigil/pkg/identity"
)

// devCookie names the development identity cookie. The __Host- prefix
// makes browsers accept it only when Secure, for path / and this host.
const devCookie = "__Host-vigil-dev-identity"

// devPicker is the development identity picker: it lists the roster and
// issues and verifies signed identity cookies. The signing key is drawn
// at random for each process, so a restart signs everybody out.
type devPicker struct {
	key    []byte
	ttl    time.Duration
	now    func() time.Time
	source func() (*identity.Roster, error)

	mu     sync.Mutex
	roster *identity.Roster // last listing, for names
}

// newDevPicker returns a picker over the roster source.
func newDevPicker(source func() (*identity.Roster, error), ttl time.Duration, now func() time.Time) (*devPicker, error) {
	key := make([]byte, 32)
	if _, err := rand.Read(key); err != nil {
		return nil, fmt.Errorf("development identity key: %w", err)
	}
	d := &devPicker{key: key, ttl: ttl, now: now, source: source}
	if _, err := d.entries(); err != nil {
		return nil, err
	}
	return d, nil
}

// entries lists the roster now, remembering it for nameOf.
func (d *devPicker) entries() ([]identity.Entry, error) {
	r, err := d.source()
	if err != nil {
		return nil, fmt.Errorf("development identity picker: %w", err)
	}
	d.mu.Lock()
	d.roster = r
	d.mu.Unlock()
	return r.Entries(), nil
}

// lookup returns id's entry in the last listing.
func (d *devPicker) lookup(id string) (identity.Entry, bool) {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.roster.Lookup(id)
}

// nameOf returns id's roster name, or id.
func (d *devPicker) nameOf(id string) string {
	if e, ok := d.lookup(id); ok && e.Name != "" {
		return e.Name
	}
	return id
}

// mac signs id with its expiry.
func (d *devPicker) mac(id string, expires int64) []byte {
	m := hmac.New(sha256.New, d.key)
	fmt.Fprintf(m, "vigil development identity\x00%s\x00%d", id, expires)
	return m.Sum(nil)
}

// cookie returns the signed identity cookie for id: "<id>.<expiry>.<mac>".
func (d *devPicker) cookie(id string) *http.Cookie {
	exp := d.now().Add(d.ttl)
	v := id + "." + strconv.FormatInt(exp.Unix(), 10) + "." + base64.RawURLEncoding.EncodeToString(d.mac(id, exp.Unix()))
	return &http.Cookie{Name: devCookie, Value: v, Path: "/", Expires: exp, MaxAge: int(d.ttl.Seconds()),
		HttpOnly: true, Secure: true, SameSite: http.SameSiteStrictMode}
}

// clearCookie returns a cookie that deletes the identity cookie.
func clearCookie() *http.Cookie {
	return &http.Cookie{Name: devCookie, Value: "", Path: "/", MaxAge: -1,
		HttpOnly: true, Secure: true, SameSite: http.SameSiteStrictMode}
}

// principal returns the principal of the request's identity cookie when
// its signature is valid and it has not expired.
func (d *devPicker) principal(r *http.Request) (identity.Principal, bool) {
	c, err := r.Cookie(devCookie)
	if err != nil {
		return identity.Principal{}, false
	}
	parts := strings.Split(c.Value, ".")
	if len(parts) != 3 {
		return identity.Principal{}, false
	}
	exp, err := strconv.ParseInt(parts[1], 10, 64)
	if err != nil || d.now().Unix() >= exp {
		return identity.Principal{}, false
	}
	sig, err := base64.RawURLEncoding.DecodeString(parts[2])
	if err != nil || !hmac.Equal(sig, d.mac(parts[0], exp)) {
		return identity.Principal{}, false
	}
	p, err := identity.ParseID(parts[0])
	return p, err == nil
}
