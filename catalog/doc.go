// Package catalog is katalog's domain: agencies, the datasets they publish with
// their distributions and data services, Swedish organisation numbers, the
// DCAT-AP-SE controlled vocabularies, and the Store interface that every
// storage backend implements.
//
// The package knows nothing of HTTP, SQL or RDF; it imports only the standard
// library.
package catalog
