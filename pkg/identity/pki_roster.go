package identity

import (
	"fmt"
	"os"
	"strings"
)

// Roster returns the principals that hold a certificate in p's
// directory: every "<ID>.pem" whose name is a valid ID. Names come from
// the roster given to [EnsureDevPKI]; a principal issued later by
// [PKI.IssueClient] is named by its ID.
func (p *PKI) Roster() (*Roster, error) {
	files, err := os.ReadDir(p.dir)
	if err != nil {
		return nil, fmt.Errorf("roster: %w", err)
	}
	var entries []Entry
	for _, f := range files {
		id, ok := strings.CutSuffix(f.Name(), pemExt)
		if !ok || f.IsDir() {
			continue
		}
		if _, err := ParseID(id); err != nil {
			continue // ca.pem, server.pem, key files
		}
		entries = append(entries, Entry{ID: id, Name: p.nameOf(id)})
	}
	return NewRoster(entries)
}

// nameOf returns id's roster name, or id when it has none.
func (p *PKI) nameOf(id string) string {
	if name, ok := p.names[id]; ok && name != "" {
		return name
	}
	return id
}
