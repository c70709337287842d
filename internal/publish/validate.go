package publish

import (
	"context"
	"fmt"

	"github.com/katalog-se/katalog/catalog"
	"github.com/katalog-se/katalog/dcat/validate"
)

// ValidateAgency validates the agency feed katalog publishes for org with
// v, from the mapper's triples as they are made: nothing is written out or
// parsed back, and memory stays that of the validator's window.
func (b *Builder) ValidateAgency(ctx context.Context, org catalog.OrgNumber, v *validate.Validator) (*validate.Report, error) {
	s := v.NewSession()
	if err := b.AgencyFeed(ctx, org, s); err != nil {
		return nil, fmt.Errorf("validate the feed of %s: %w", org, err)
	}
	return s.Finish(), nil
}
