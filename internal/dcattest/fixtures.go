// Package dcattest holds the domain fixtures of the DCAT tests. The graph
// of emitted triples and the DCAT-AP-SE 3.0.1 mandatory-property check are
// rdftest.Recorder, shared with the server's tests.
package dcattest

import (
	"fmt"
	"time"

	"github.com/katalog-se/katalog/catalog"
)

// Base is the base URL of the fixtures' mapper.
const Base = "https://katalog.example.se"

// Agency returns an agency with every field the mapping reads: Skatteverket's
// organisation number, names in Swedish and English, a homepage and an e-mail.
func Agency() *catalog.Agency {
	return &catalog.Agency{
		OrgNumber:     "2021005448",
		Name:          catalog.LangString{"sv": "Skatteverket", "en": "Swedish Tax Agency"},
		PublisherType: "http://purl.org/adms/publishertype/NationalAuthority",
		Homepage:      "https://www.skatteverket.se/",
		Email:         "oppnadata@skatteverket.se",
		CreatedAt:     time.Date(2024, 1, 15, 8, 30, 0, 0, time.UTC),
		UpdatedAt:     time.Date(2024, 6, 1, 12, 0, 0, 0, time.UTC),
	}
}

// DatasetID is the ID of Dataset().
const DatasetID = "9a7d6c5b-4e3f-4210-8b9c-0a1b2c3d4e03"

// Dataset returns a dataset of Agency() with every field set: two
// distributions (a file and an API access), one data service, a contact
// point with phone and URL, and an HVD category.
func Dataset() *catalog.Dataset {
	return &catalog.Dataset{
		ID:     DatasetID,
		Agency: "2021005448",
		Title:  catalog.LangString{"sv": "Folkbokföring per kommun", "en": "Population registration by municipality"},
		Description: catalog.LangString{
			"sv": "Antal folkbokförda personer per kommun & år, <uppdateras> \"årligen\".",
			"en": "Number of registered persons per municipality and year.",
		},
		Keywords:           catalog.LangStrings{"sv": {"befolkning", "kommun"}, "en": {"population"}},
		Themes:             []string{"http://publications.europa.eu/resource/authority/data-theme/SOCI", "http://publications.europa.eu/resource/authority/data-theme/GOVE"},
		AccessRights:       "http://publications.europa.eu/resource/authority/access-right/PUBLIC",
		AccrualPeriodicity: "http://publications.europa.eu/resource/authority/frequency/ANNUAL",
		Issued:             "2020-01-31",
		Modified:           "2024-05-02T10:15:00+02:00",
		LandingPage:        "https://www.skatteverket.se/folkbokforing/statistik",
		Languages:          []string{"http://publications.europa.eu/resource/authority/language/SWE"},
		ConformsTo:         []string{"https://www.skatteverket.se/schema/folkbokforing-v1"},
		Spatial:            []string{"http://sws.geonames.org/2661886"},
		ContactPoint: &catalog.ContactPoint{
			Name:  "Skatteverkets öppna data",
			Email: "öppna+data@skatteverket.se",
			URL:   "https://www.skatteverket.se/kontakt",
			Phone: "0771-567 567",
		},
		HVDCategory: "http://data.europa.eu/bna/c_e1da4e07",
		Distributions: []catalog.Distribution{
			{
				ID:           "csv",
				Title:        catalog.LangString{"sv": "CSV-fil", "en": "CSV file"},
				Description:  catalog.LangString{"sv": "Hela tabellen som CSV."},
				AccessURL:    "https://www.skatteverket.se/folkbokforing/statistik",
				DownloadURL:  "https://data.skatteverket.se/folkbokforing.csv",
				Format:       "text/csv",
				License:      "http://creativecommons.org/publicdomain/zero/1.0/",
				ByteSize:     48213,
				Availability: "http://publications.europa.eu/resource/authority/planned-availability/STABLE",
				Status:       "http://publications.europa.eu/resource/authority/distribution-status/COMPLETED",
				Languages:    []string{"http://publications.europa.eu/resource/authority/language/SWE"},
				ConformsTo:   []string{"https://www.skatteverket.se/schema/folkbokforing-v1.csvw"},
				Issued:       "2020",
				Modified:     "2024-05-02",
			},
			{
				ID:            "api",
				Title:         catalog.LangString{"sv": "API", "en": "API"},
				AccessURL:     "https://api.skatteverket.se/folkbokforing/v1",
				Format:        "application/json",
				License:       "https://creativecommons.org/publicdomain/zero/1.0",
				AccessService: "rest",
			},
		},
		DataServices: []catalog.DataService{{
			ID:                  "rest",
			Title:               catalog.LangString{"sv": "Folkbokförings-API", "en": "Population registration API"},
			Description:         catalog.LangString{"sv": "REST-API med JSON-svar."},
			EndpointURL:         "https://api.skatteverket.se/folkbokforing/v1",
			EndpointDescription: "https://api.skatteverket.se/folkbokforing/v1/openapi.json",
			License:             "http://creativecommons.org/publicdomain/zero/1.0/",
			AccessRights:        "http://publications.europa.eu/resource/authority/access-right/PUBLIC",
			Type:                "http://www.wikidata.org/entity/Q749568",
			Keywords:            catalog.LangStrings{"sv": {"API", "folkbokföring"}, "en": {"population register"}},
			Page:                "https://www.skatteverket.se/api/villkor",
		}},
		CreatedAt: time.Date(2024, 1, 15, 9, 0, 0, 0, time.UTC),
		UpdatedAt: time.Date(2024, 5, 2, 8, 15, 0, 0, time.UTC),
	}
}

// SyntheticDataset returns the i-th of a family of realistic datasets of
// org (about 45 triples each), with a UUID-shaped ID that sorts by i.
func SyntheticDataset(org catalog.OrgNumber, i int) catalog.Dataset {
	id := fmt.Sprintf("%08x-0000-4000-8000-%012x", i, i)
	return catalog.Dataset{
		ID:     id,
		Agency: org,
		Title:  catalog.LangString{"sv": fmt.Sprintf("Datamängd %d", i), "en": fmt.Sprintf("Dataset %d", i)},
		Description: catalog.LangString{
			"sv": fmt.Sprintf("Beskrivning av datamängd %d med å, ä och ö.", i),
			"en": fmt.Sprintf("Description of dataset %d.", i),
		},
		Keywords:           catalog.LangStrings{"sv": {"statistik", fmt.Sprintf("nyckelord-%d", i%50)}, "en": {"statistics"}},
		Themes:             []string{"http://publications.europa.eu/resource/authority/data-theme/GOVE"},
		AccessRights:       "http://publications.europa.eu/resource/authority/access-right/PUBLIC",
		AccrualPeriodicity: "http://publications.europa.eu/resource/authority/frequency/MONTHLY",
		Issued:             "2023-03-01",
		Modified:           "2024-04-01T12:00:00Z",
		LandingPage:        fmt.Sprintf("https://data.example.se/d/%d", i),
		ContactPoint:       &catalog.ContactPoint{Name: "Öppna data", Email: "opendata@example.se"},
		Distributions: []catalog.Distribution{{
			ID: "1", Title: catalog.LangString{"sv": "CSV"},
			AccessURL:   fmt.Sprintf("https://data.example.se/d/%d", i),
			DownloadURL: fmt.Sprintf("https://data.example.se/d/%d.csv?rev=2&x=%%C3%%A5", i),
			Format:      "text/csv", License: "http://creativecommons.org/licenses/by/4.0/", ByteSize: int64(1000 + i),
		}},
	}
}
