// Package portal asks Sveriges dataportal what it lists for each agency:
// the portal's own word on the survey's "portal" channel.
//
// The portal keeps every harvested catalog in one store with a public
// SPARQL 1.1 Protocol endpoint (https://admin.dataportal.se/sparql). A
// sync (Syncer.Sync, run by `katalog portal sync` and the portal.schedule
// job, after the portal's harvest at about 04:00) asks it, through
// katalog's guarded outbound client:
//
//  1. which publisher IRIs of its datasets follow the portal's convention,
//     http://dataportal.se/organisation/SE<orgnr>[-suffix] (https too),
//     so that an agency's sub-units and odd spellings are found;
//  2. for those of the registered agencies (plus any an Options.Publishers
//     adds), which datasets it lists under them: each dataset's IRI and
//     its dcterms:identifier values.
//
// Every query is plain SPARQL 1.1, read in pages by key (see query.go),
// and every request is bounded in time and size; any failure of the
// endpoint fails the whole sync (ErrEndpoint) and nothing is stored.
//
// Each agency's listing is then compared with its catalogs, those katalog
// hosts and its own as katalog last observed it (Catalogs): a dataset is
// on the portal when the portal lists one with its IRI or, as the portal
// de-duplicates, with its dcterms:identifier when that is a UUID. The
// agency is listed when the portal lists at least one dataset under its
// publishers, else notListed; the status counts the datasets on the
// portal and in the catalogs and names (by IRI) those the portal lacks.
// The statuses of all agencies are kept in one transaction through
// write.Service.RecordPortalSync, whose PortalSynced event rescores them.
// An agency no sync has reached is unknown: that is never stored.
package portal
