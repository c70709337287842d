package server

import (
	"context"
	"encoding/json"
	"time"

	"github.com/katalog-se/katalog/catalog"
)

// importSummary is what the agency page shows of the last import: the
// DCAT-AP-SE findings of the document as the agency published it (kept
// with the import state), and how many blank resources got IRIs.
type importSummary struct {
	Org              catalog.OrgNumber
	At               time.Time
	Errors, Warnings int
	Minted           int
}

// lastImport reads the summary of org's last import, or nil.
func (s *Server) lastImport(ctx context.Context, org catalog.OrgNumber) *importSummary {
	st, err := s.deps.Store.ImportState(ctx, org)
	if err != nil || len(st.Report) == 0 || st.At.IsZero() {
		return nil
	}
	var rep struct {
		Validation  *struct{ Errors, Warnings int } `json:"validation"`
		MintedCount int                             `json:"mintedCount"`
	}
	if json.Unmarshal(st.Report, &rep) != nil || rep.Validation == nil {
		return nil
	}
	return &importSummary{Org: org, At: st.At, Errors: rep.Validation.Errors, Warnings: rep.Validation.Warnings, Minted: rep.MintedCount}
}
