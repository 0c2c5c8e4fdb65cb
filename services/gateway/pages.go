package gateway

import (
	"bytes"
	"fmt"
	"html/template"
	"net/http"
	"strings"
)

// pages renders the HTML templates.
type pages struct {
	shell, signin *template.Template
	static        string // the assets' URL prefix
}

// loadPages parses the embedded templates, which link the assets below
// the static prefix.
func loadPages(static string) (*pages, error) {
	shell, err := template.ParseFS(webFS, "web/templates/shell.html")
	if err != nil {
		return nil, fmt.Errorf("web templates: %w", err)
	}
	signin, err := template.ParseFS(webFS, "web/templates/signin.html")
	if err != nil {
		return nil, fmt.Errorf("web templates: %w", err)
	}
	return &pages{shell: shell, signin: signin, static: strings.TrimSuffix(static, "/")}, nil
}

// shellData is what the page shell shows: who is signed in and how.
type shellData struct {
	Static   string
	ID, Name string
	Picked   bool
}

// render writes t with data and status, buffering so that a template
// error still yields a clean 500.
func render(w http.ResponseWriter, t *template.Template, status int, data any) {
	var buf bytes.Buffer
	if err := t.Execute(&buf, data); err != nil {
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	_, _ = buf.WriteTo(w)
}

// shellHandler serves the application shell for every page route; the
// JavaScript router draws the page. status is 200 for known routes and
// 404 otherwise (the router then shows its not-found page).
func (p *pages) shellHandler(status int) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s, _ := sessionFrom(r.Context())
		render(w, p.shell, status, shellData{Static: p.static, ID: s.Principal.ID, Name: s.Name, Picked: s.Picked})
	})
}

// safeNext returns next when it is a path on this site, else "/".
func safeNext(next string) string {
	if !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.HasPrefix(next, "/\\") ||
		strings.HasPrefix(next, "/signin") || strings.ContainsAny(next, "\r\n") {
		return "/"
	}
	return next
}
