package dcat

import (
	"fmt"

	"github.com/knakk/rdf"

	"github.com/katalog-se/katalog/catalog"
	"github.com/katalog-se/katalog/dcat/syntax/iri"
)

// term is an IRI built and checked once, boxed in advance in each triple
// position, so that a triple using it allocates nothing for it.
type term struct {
	iri  rdf.IRI
	pred rdf.Predicate
	obj  rdf.Object
}

// terms maps the IRIs the mapper uses over and over (the vocabulary's
// predicates and classes, and the canonical IRIs of catalog's controlled
// vocabularies) to their terms. Built by NewMapper, read-only afterwards.
type terms map[string]term

// constantIRIs lists the package's IRI constants and the canonical IRIs
// the mapper links to.
func constantIRIs() []string {
	cs := []string{
		RDFType,
		RDFLangString,
		RDFSLabel,
		XSDString,
		XSDDate,
		XSDDateTime,
		XSDGYear,
		XSDGYearMonth,
		XSDInteger,
		XSDNonNegativeInteger,
		DCATCatalog,
		DCATDataset,
		DCATDistribution,
		DCATDataService,
		DCATDatasetProp,
		DCATService,
		DCATThemeTaxonomy,
		DCATDistributionProp,
		DCATKeyword,
		DCATTheme,
		DCATLandingPage,
		DCATContactPoint,
		DCATAccessURL,
		DCATDownloadURL,
		DCATByteSize,
		DCATAccessService,
		DCATEndpointURL,
		DCATEndpointDescription,
		DCATServesDataset,
		DCATMediaType,
		DCATTemporalResolution,
		DCATSpatialResolutionInM,
		DCTermsTitle,
		DCTermsDescription,
		DCTermsPublisher,
		DCTermsLicense,
		DCTermsIssued,
		DCTermsModified,
		DCTermsLanguage,
		DCTermsIdentifier,
		DCTermsType,
		DCTermsAccessRights,
		DCTermsAccrualPeriodicity,
		DCTermsConformsTo,
		DCTermsSpatial,
		DCTermsTemporal,
		DCTermsFormat,
		DCTermsHasPart,
		DCTermsIsPartOf,
		DCTermsRights,
		DCTermsPeriodOfTime,
		DCATStartDate,
		DCATEndDate,
		DCTermsSubject,
		FOAFAgent,
		FOAFOrganization,
		FOAFDocument,
		FOAFName,
		FOAFHomepage,
		FOAFMbox,
		FOAFPage,
		VCardOrganization,
		VCardIndividual,
		VCardKind,
		VCardVoice,
		VCardFn,
		VCardHasEmail,
		VCardHasTelephone,
		VCardHasValue,
		VCardHasURL,
		ADMSStatus,
		DCATAPApplicableLegislation,
		DCATAPHVDCategory,
		DCATAPAvailability,
		HydraPagedCollection,
		HydraTotalItems,
		HydraItemsPerPage,
		HydraFirstPage,
		HydraFirst,
		HydraLastPage,
		HydraLast,
		HydraNextPage,
		HydraNext,
		HydraPreviousPage,
		HydraPrevious,
		LanguageSWE,
		LanguageENG,
		PublisherTypeNationalAuthority,
		catalog.CatalogLicence,
		catalog.HVDLegislation,
		catalog.ThemeTaxonomy,
	}
	for _, v := range []*catalog.Vocabulary{
		catalog.Themes, catalog.AccessRights, catalog.Frequencies, catalog.Licences,
		catalog.Languages, catalog.PublisherTypes, catalog.HVDCategories,
		catalog.Availabilities, catalog.DistributionStatuses, catalog.ServiceTypes,
	} {
		for _, t := range v.Terms() {
			cs = append(cs, t.IRI)
		}
	}
	return cs
}

// newTerms checks every constant IRI and builds its term.
func newTerms() (terms, error) {
	cs := constantIRIs()
	ts := make(terms, len(cs))
	for _, s := range cs {
		if s == "" {
			continue
		}
		if err := iri.Check(s); err != nil {
			return nil, fmt.Errorf("dcat: constant IRI %q: %w", s, err)
		}
		t, err := rdf.NewIRI(s)
		if err != nil {
			return nil, fmt.Errorf("dcat: constant IRI %q: %w", s, err)
		}
		ts[s] = term{iri: t, pred: t, obj: t}
	}
	return ts, nil
}
