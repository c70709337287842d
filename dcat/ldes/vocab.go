// Package ldes reads, writes, applies and validates DCAT-AP Feeds: change
// feeds of a DCAT-AP catalog published as a Linked Data Event Stream (LDES)
// of Activity Streams activities (SEMIC's "DCAT-AP Feeds",
// https://semiceu.github.io/LDES-DCAT-AP-feeds/).
//
// A feed page is an RDF dataset: in the default graph the ldes:EventStream
// with its tree:member events, each an as:Create, as:Update or as:Delete
// with as:object (the entity's IRI) and as:published (an xsd:dateTime);
// the entity's whole description is the named graph named by the event
// (a Delete has none). Pages link to later pages with tree:relation.
//
// A harvester (State) keeps one graph per entity, as the specification's
// note proposes: a Create or Update replaces the entity's graph with the
// event's payload, a Delete removes it, and the catalog is the union of
// the graphs. A starting catalog without named graphs (Digg's before.ttl)
// is split by subject: each IRI subject's triples, with the blank nodes
// only they reach, are that entity's graph. Events apply in as:published
// order (ties in the order the feed lists them); applying a page again
// changes nothing, so a harvester may resume from the page it last read.
package ldes

import "github.com/katalog-se/katalog/dcat/syntax/rdfio"

// Namespaces of the feed vocabularies.
const (
	NSLDES = "https://w3id.org/ldes#"
	NSTree = "https://w3id.org/tree#"
	NSAS   = "https://www.w3.org/ns/activitystreams#"
)

// LDES, TREE and Activity Streams terms.
const (
	LDESEventStream         = NSLDES + "EventStream"
	LDESTimestampPath       = NSLDES + "timestampPath"
	LDESVersionOfPath       = NSLDES + "versionOfPath"
	LDESRetentionPolicy     = NSLDES + "retentionPolicy"
	LDESLatestVersionSubset = NSLDES + "LatestVersionSubset"
	LDESAmount              = NSLDES + "amount"

	TreeNode     = NSTree + "Node"
	TreeView     = NSTree + "view"
	TreeMember   = NSTree + "member"
	TreeShape    = NSTree + "shape"
	TreeRelation = NSTree + "relation"
	// TreeNodeProp is the property tree:node (TreeNode is the class).
	TreeNodeProp    = NSTree + "node"
	TreePath        = NSTree + "path"
	TreeValue       = NSTree + "value"
	TreeGreaterOrEq = NSTree + "GreaterThanOrEqualToRelation"

	ASCreate    = NSAS + "Create"
	ASUpdate    = NSAS + "Update"
	ASDelete    = NSAS + "Delete"
	ASRemove    = NSAS + "Remove"
	ASObject    = NSAS + "object"
	ASPublished = NSAS + "published"

	// ActivityShape is the SHACL shape of DCAT-AP Feeds' members.
	ActivityShape = "https://semiceu.github.io/LDES-DCAT-AP-feeds/shape.ttl#ActivityShape"
)

// Prefixes is the prefix table of feed documents: DCAT-AP-SE's
// (rdfio.DefaultPrefixes), as, ldes and tree, and the vocabularies whose
// IRIs DCAT-AP-SE descriptions repeat most (the EU authority tables,
// dataportal.se's publishers, CC0, the HVD categories), which keep the
// pages of a feed small. The slice is new on every call.
func Prefixes() []rdfio.Prefix {
	const eu = "http://publications.europa.eu/resource/authority/"
	return append(rdfio.DefaultPrefixes(),
		rdfio.Prefix{Name: "as", IRI: NSAS},
		rdfio.Prefix{Name: "ldes", IRI: NSLDES},
		rdfio.Prefix{Name: "tree", IRI: NSTree},
		rdfio.Prefix{Name: "eu", IRI: eu},
		rdfio.Prefix{Name: "access", IRI: eu + "access-right/"},
		rdfio.Prefix{Name: "freq", IRI: eu + "frequency/"},
		rdfio.Prefix{Name: "lang", IRI: eu + "language/"},
		rdfio.Prefix{Name: "theme", IRI: eu + "data-theme/"},
		rdfio.Prefix{Name: "filetype", IRI: eu + "file-type/"},
		rdfio.Prefix{Name: "avail", IRI: eu + "planned-availability/"},
		rdfio.Prefix{Name: "diststatus", IRI: eu + "distribution-status/"},
		rdfio.Prefix{Name: "pub", IRI: "http://dataportal.se/organisation/"},
		rdfio.Prefix{Name: "cc0", IRI: "http://creativecommons.org/publicdomain/zero/1.0/"},
		rdfio.Prefix{Name: "hvd", IRI: "http://data.europa.eu/bna/"},
	)
}
