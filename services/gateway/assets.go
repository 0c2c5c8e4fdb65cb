package gateway

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"net/http"
	"path"
	"strings"
	"time"
)

// asset is one embedded static file.
type asset struct {
	body  []byte
	etag  string
	ctype string
}

// staticAssets serves the embedded files under web/static at
// /static/<version>/, where the version is a hash of every file: the
// URLs change whenever any asset does, so browsers may cache them for
// good. Relative imports between the JavaScript modules stay within one
// version.
type staticAssets struct {
	version string
	files   map[string]asset // by path below web/static
}

// loadAssets reads every embedded static file.
func loadAssets() (*staticAssets, error) {
	root, err := fs.Sub(webFS, "web/static")
	if err != nil {
		return nil, err
	}
	files := map[string]asset{}
	all := sha256.New()
	err = fs.WalkDir(root, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		body, err := fs.ReadFile(root, p)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(body)
		files[p] = asset{body: body, etag: `"` + hex.EncodeToString(sum[:12]) + `"`, ctype: contentType(p)}
		fmt.Fprintf(all, "%s\x00%x\x00", p, sum)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("web assets: %w", err)
	}
	return &staticAssets{version: hex.EncodeToString(all.Sum(nil))[:16], files: files}, nil
}

// prefix is the URL path below which the assets are served.
func (s *staticAssets) prefix() string { return "/static/" + s.version + "/" }

// contentType names the media type of an asset by its extension.
func contentType(name string) string {
	switch path.Ext(name) {
	case ".js":
		return "text/javascript; charset=utf-8"
	case ".css":
		return "text/css; charset=utf-8"
	case ".svg":
		return "image/svg+xml"
	}
	return "application/octet-stream"
}

// ServeHTTP serves one asset of the current version, cacheable for a
// year, or 404.
func (s *staticAssets) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	name, ok := strings.CutPrefix(r.URL.Path, s.prefix())
	a, found := s.files[name]
	if !ok || !found {
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Content-Type", a.ctype)
	w.Header().Set("ETag", a.etag)
	w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
	http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(a.body))
}
