package main

import (
	"github.com/katalog-se/katalog/catalog"
	"github.com/katalog-se/katalog/config"
	"github.com/katalog-se/katalog/internal/importer"
	"github.com/katalog-se/katalog/internal/store/sqlstore"
	"github.com/katalog-se/katalog/internal/write"
)

// cliWrites is the write path of a one-shot command (import, agencies
// import): every change it makes rescores the agencies it touched before
// the command returns, as serve's rescoring queue does in the background.
func (a *app) cliWrites(c config.Config, st *sqlstore.Store, im *importer.Importer) (*write.Service, error) {
	log := a.logger(c)
	scores, err := newScores(c, st, log)
	if err != nil {
		return nil, err
	}
	w := write.New(st, write.Options{Importer: im, Logger: log})
	w.Subscribe(write.Rescoring(func(org catalog.OrgNumber) {
		if _, err := scores.Rescore(a.ctx, org); err != nil {
			log.Warn("rescoring after the change failed; katalog score --agency ORGNR retries", "agency", org, "err", err)
		}
	}))
	return w, nil
}
