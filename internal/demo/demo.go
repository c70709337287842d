// Package demo holds katalog's built-in demo: a handful of real Swedish
// agencies (by name and organisation number) with made-up datasets of varied
// publication maturity, loaded into an empty database so that a newcomer
// sees a working service at once. The demo says nothing of what
// Sveriges dataportal lists: the agencies' portal channel is unknown until
// a portal sync, however valid the feeds katalog hosts for them are.
package demo

import (
	"context"
	"fmt"

	"github.com/katalog-se/katalog/catalog"
)

// Counter tells whether the store has agencies already.
type Counter interface {
	Agencies(ctx context.Context, p catalog.Page) ([]catalog.Agency, int, error)
}

// Writer is the write path the demo goes through, as every change does
// (write.Service). Demo agencies get tokens nobody sees: the operator
// writes for them.
type Writer interface {
	RegisterAgency(ctx context.Context, a *catalog.Agency) (string, error)
	CreateDataset(ctx context.Context, d *catalog.Dataset) error
}

// Load fills an empty store with the demo through w. It does nothing, and
// reports false, when the store already has agencies.
func Load(ctx context.Context, s Counter, w Writer) (bool, error) {
	_, n, err := s.Agencies(ctx, catalog.Page{Number: 1, Limit: 1})
	if err != nil {
		return false, fmt.Errorf("demo: count agencies: %w", err)
	}
	if n > 0 {
		return false, nil
	}
	for _, a := range Agencies() {
		if _, err := w.RegisterAgency(ctx, &a); err != nil {
			return false, fmt.Errorf("demo: agency %s: %w", a.OrgNumber, err)
		}
	}
	for _, d := range Datasets() {
		if err := w.CreateDataset(ctx, &d); err != nil {
			return false, fmt.Errorf("demo: dataset %s: %w", d.ID, err)
		}
	}
	return true, nil
}

const (
	pubNational = "http://purl.org/adms/publishertype/NationalAuthority"
	euAuth      = "http://publications.europa.eu/resource/authority/"
	ccBy        = "http://creativecommons.org/licenses/by/4.0/"
	cc0         = "http://creativecommons.org/publicdomain/zero/1.0/"
	public      = euAuth + "access-right/PUBLIC"
	swe         = euAuth + "language/SWE"
	hvdStats    = "http://data.europa.eu/bna/c_e1da4e07"
	hvdMeteo    = "http://data.europa.eu/bna/c_164e0bf5"
	hvdGeo      = "http://data.europa.eu/bna/c_ac64a52d"
)

func theme(code string) string { return euAuth + "data-theme/" + code }
func freq(code string) string  { return euAuth + "frequency/" + code }

// Agencies returns the demo agencies: real names and organisation numbers.
func Agencies() []catalog.Agency {
	a := func(org, sv, en, home, mail, size string) catalog.Agency {
		return catalog.Agency{OrgNumber: catalog.OrgNumber(org), Name: catalog.LangString{"sv": sv, "en": en},
			PublisherType: pubNational, Homepage: home, Email: mail, SizeClass: size}
	}
	return []catalog.Agency{
		a("2021000696", "Sveriges meteorologiska och hydrologiska institut", "Swedish Meteorological and Hydrological Institute", "https://www.smhi.se", "smhi@smhi.se", "large"),
		a("2021000837", "Statistiska centralbyrån", "Statistics Sweden", "https://www.scb.se", "scb@scb.se", "large"),
		a("2021004888", "Lantmäteriet", "National Land Survey", "https://www.lantmateriet.se", "lantmateriet@lm.se", "very_large"),
		a("2021005281", "Valmyndigheten", "Election Authority", "https://www.val.se", "registrator@val.se", "small"),
		a("2021005489", "Bolagsverket", "Swedish Companies Registration Office", "https://www.bolagsverket.se", "bolagsverket@bolagsverket.se", "large"),
		a("2021006883", "Myndigheten för digital förvaltning", "Agency for Digital Government", "https://www.digg.se", "info@digg.se", "medium"),
	}
}

func contact(name, email string) *catalog.ContactPoint {
	return &catalog.ContactPoint{Name: name, Email: email}
}

// Datasets returns the demo datasets, from documents only to open APIs.
func Datasets() []catalog.Dataset {
	return []catalog.Dataset{
		{ // Documents only: a PDF report on a web page.
			ID: "6f1c2a9e-3b57-4d0e-9a51-5e2f4c8b7a01", Agency: "2021005281",
			Title:       catalog.LangString{"sv": "Valresultat riksdagsvalet 2022 (rapport)", "en": "Results of the 2022 general election (report)"},
			Description: catalog.LangString{"sv": "Slutligt valresultat som PDF-rapport.", "en": "Final election results as a PDF report."},
			Themes:      []string{theme("GOVE")}, AccessRights: public, Issued: "2022-09-15",
			LandingPage:  "https://www.val.se/valresultat.html",
			ContactPoint: contact("Valmyndigheten", "registrator@val.se"),
			Distributions: []catalog.Distribution{{ID: "1", Title: catalog.LangString{"sv": "Rapport (PDF)"},
				AccessURL: "https://www.val.se/valresultat.html", DownloadURL: "https://www.val.se/download/valresultat-2022.pdf", Format: "application/pdf"}},
		},
		{ // Files: a proprietary spreadsheet.
			ID: "0b8e4f3a-7c21-4a6d-8f90-1d2e3c4b5a02", Agency: "2021005489",
			Title:       catalog.LangString{"sv": "Nyregistrerade företag per län", "en": "Newly registered companies by county"},
			Description: catalog.LangString{"sv": "Antal nyregistrerade företag per län och månad.", "en": "Number of newly registered companies by county and month."},
			Keywords:    catalog.LangStrings{"sv": {"företag", "registrering"}}, Themes: []string{theme("ECON")},
			AccessRights: public, AccrualPeriodicity: freq("MONTHLY"), Issued: "2024-01-31", Modified: "2026-10-31",
			LandingPage:  "https://www.bolagsverket.se/omoss/statistik",
			ContactPoint: contact("Bolagsverket statistik", "statistik@bolagsverket.se"),
			Distributions: []catalog.Distribution{{ID: "1", Title: catalog.LangString{"sv": "Excel-fil"},
				AccessURL: "https://www.bolagsverket.se/omoss/statistik", DownloadURL: "https://www.bolagsverket.se/download/nyregistreringar.xlsx",
				Format: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", License: ccBy}},
		},
		{ // Open machine-readable file with good metadata.
			ID: "9a7d6c5b-4e3f-4210-8b9c-0a1b2c3d4e03", Agency: "2021006883",
			Title:       catalog.LangString{"sv": "Offentliga e-tjänster", "en": "Public e-services"},
			Description: catalog.LangString{"sv": "Förteckning över offentliga e-tjänster med ansvarig organisation.", "en": "List of public e-services with the responsible organisation."},
			Keywords:    catalog.LangStrings{"sv": {"e-tjänster", "digital förvaltning"}, "en": {"e-services"}},
			Themes:      []string{theme("GOVE")}, AccessRights: public, AccrualPeriodicity: freq("QUARTERLY"),
			Issued: "2023-03-01", Modified: "2026-09-30", Languages: []string{swe},
			LandingPage:  "https://www.digg.se/data/e-tjanster",
			ContactPoint: contact("Digg dataportal", "dataportal@digg.se"),
			Distributions: []catalog.Distribution{{ID: "1", Title: catalog.LangString{"sv": "CSV-fil", "en": "CSV file"},
				AccessURL: "https://www.digg.se/data/e-tjanster", DownloadURL: "https://www.digg.se/download/e-tjanster.csv",
				Format: "text/csv", License: cc0, ByteSize: 48213}},
		},
		{ // High-value dataset with an API and open files.
			ID: "3c2b1a09-8f7e-4d6c-b5a4-9e8d7c6b5a04", Agency: "2021000837",
			Title:       catalog.LangString{"sv": "Folkmängd per kommun", "en": "Population by municipality"},
			Description: catalog.LangString{"sv": "Folkmängd per kommun efter kön och ålder, årsvis.", "en": "Population by municipality, sex and age, yearly."},
			Keywords:    catalog.LangStrings{"sv": {"befolkning", "kommun"}, "en": {"population", "municipality"}},
			Themes:      []string{theme("SOCI"), theme("REGI")}, AccessRights: public, AccrualPeriodicity: freq("ANNUAL"),
			Issued: "2020-02-20", Modified: "2026-02-21", Languages: []string{swe}, HVDCategory: hvdStats,
			LandingPage:  "https://www.scb.se/hitta-statistik/folkmangd",
			ContactPoint: contact("SCB kundservice", "information@scb.se"),
			Distributions: []catalog.Distribution{
				{ID: "1", Title: catalog.LangString{"sv": "CSV-fil", "en": "CSV file"}, AccessURL: "https://www.scb.se/hitta-statistik/folkmangd",
					DownloadURL: "https://www.scb.se/download/folkmangd.csv", Format: "text/csv", License: cc0, ByteSize: 912345},
				{ID: "2", Title: catalog.LangString{"sv": "API", "en": "API"}, AccessURL: "https://api.scb.se/ov0104/v2/",
					Format: "application/json", License: cc0, AccessService: "api"},
			},
			DataServices: []catalog.DataService{{ID: "api", Title: catalog.LangString{"sv": "Statistikdatabasens API", "en": "Statistical database API"},
				EndpointURL: "https://api.scb.se/ov0104/v2/", EndpointDescription: "https://api.scb.se/ov0104/v2/openapi.json",
				Format: "application/json", License: cc0, AccessRights: public}},
		},
		{ // API only, JSON.
			ID: "5e4d3c2b-1a09-4f8e-a7d6-c5b4a3928105", Agency: "2021000696",
			Title:       catalog.LangString{"sv": "Meteorologiska observationer", "en": "Meteorological observations"},
			Description: catalog.LangString{"sv": "Observationer från SMHI:s väderstationer.", "en": "Observations from SMHI weather stations."},
			Keywords:    catalog.LangStrings{"sv": {"väder", "temperatur"}, "en": {"weather"}},
			Themes:      []string{theme("ENVI")}, AccessRights: public, AccrualPeriodicity: freq("UPDATE_CONT"),
			Issued: "2018-05-01", HVDCategory: hvdMeteo,
			LandingPage:  "https://opendata.smhi.se/metobs",
			ContactPoint: contact("SMHI öppna data", "opendata@smhi.se"),
			Distributions: []catalog.Distribution{{ID: "1", Title: catalog.LangString{"sv": "JSON via API"},
				AccessURL: "https://opendata-download-metobs.smhi.se/api", Format: "application/json", License: cc0, AccessService: "metobs"}},
			DataServices: []catalog.DataService{{ID: "metobs", Title: catalog.LangString{"sv": "Metobs API", "en": "Metobs API"},
				EndpointURL: "https://opendata-download-metobs.smhi.se/api", Format: "application/json", License: cc0, AccessRights: public}},
		},
		{ // Geodata: files and a service.
			ID: "7a6b5c4d-3e2f-4a1b-9c8d-7e6f5a4b3c06", Agency: "2021004888",
			Title:       catalog.LangString{"sv": "Topografi 50 Nedladdning, vektor", "en": "Topography 50 download, vector"},
			Description: catalog.LangString{"sv": "Topografisk karta i skala 1:50 000 som öppna data.", "en": "Topographic map at 1:50,000 as open data."},
			Themes:      []string{theme("REGI"), theme("ENVI")}, AccessRights: public, AccrualPeriodicity: freq("ANNUAL"),
			Issued: "2021-01-15", Modified: "2026-03-01", HVDCategory: hvdGeo,
			LandingPage:  "https://www.lantmateriet.se/oppna-data",
			ContactPoint: contact("Lantmäteriet geodatasupport", "geodatasupport@lm.se"),
			Distributions: []catalog.Distribution{{ID: "1", Title: catalog.LangString{"sv": "GeoPackage"},
				AccessURL: "https://www.lantmateriet.se/oppna-data", DownloadURL: "https://download.lantmateriet.se/topo50.gpkg",
				Format: "application/geopackage+sqlite3", License: cc0}},
		},
	}
}
