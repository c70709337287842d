package catalog

import (
	"context"
	"time"
)

// AuditEntry is one write someone made through the API: who, when, what,
// and how it ended. Secrets and bodies are never kept.
type AuditEntry struct {
	ID int64     `json:"id"`
	At time.Time `json:"at"`
	// Actor is "operator", or "agency:<orgnr>:token:<id>" for an agency's
	// token.
	Actor string `json:"actor"`
	// Method and Route are the request's method and route template
	// (/api/v1/agencies/:orgnr/datasets/:id); Path is the path asked for.
	Method string `json:"method"`
	Route  string `json:"route"`
	Path   string `json:"path"`
	// Agency is the agency the path names, if any.
	Agency OrgNumber `json:"agency,omitempty"`
	Status int       `json:"status"`
	// Remote is the client address the request came from.
	Remote string `json:"remote"`
}

// AuditStore keeps the audit log. Entries are never changed.
type AuditStore interface {
	// AppendAudit adds e and sets e.ID; a zero At is set to now.
	AppendAudit(ctx context.Context, e *AuditEntry) error
	// Audit lists one page of the log, newest first, with the count of
	// all; a non-empty agency keeps only the entries naming it.
	Audit(ctx context.Context, agency OrgNumber, p Page) ([]AuditEntry, int, error)
}
