package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"strings"

	"github.com/katalog-se/katalog/catalog"
)

// feedBase is the base IRI of gen_catalog.py's feeds, replaced per agency
// so that the agencies' datasets are distinct.
const feedBase = "https://example.se/katalog/"

// orgNumbers returns n valid organisation numbers, 20210000xx with the
// right check digit, none of them a real agency's in the demo data.
func orgNumbers(n int) ([]string, error) {
	var orgs []string
	for i := 0; len(orgs) < n && i < 100000; i++ {
		for d := range 10 {
			o, err := catalog.ParseOrgNumber(fmt.Sprintf("2029%05d%d", i, d))
			if err == nil {
				orgs = append(orgs, string(o))
				break
			}
		}
	}
	if len(orgs) < n {
		return nil, fmt.Errorf("found only %d organisation numbers", len(orgs))
	}
	return orgs, nil
}

// setup registers each agency with the operator token, imports the feed
// into it, and returns the agencies' tokens by organisation number.
func setup(ctx context.Context, client *http.Client, base, operator, feedPath string, orgs []string) (map[string]string, error) {
	feed, err := os.ReadFile(feedPath)
	if err != nil {
		return nil, fmt.Errorf("read the feed: %w", err)
	}
	tokens := map[string]string{}
	for i, org := range orgs {
		reg, _ := json.Marshal(map[string]any{"orgNumber": org, "name": map[string]string{"sv": fmt.Sprintf("Lastmyndighet %d", i)}})
		var created struct {
			Token string `json:"token"`
		}
		if err := call(ctx, client, "POST", base+"/api/v1/agencies", operator, "application/json", reg, http.StatusCreated, &created); err != nil {
			return nil, fmt.Errorf("register %s: %w", org, err)
		}
		if created.Token == "" {
			return nil, fmt.Errorf("register %s: no token in the answer", org)
		}
		tokens[org] = created.Token
		body := bytes.ReplaceAll(feed, []byte(feedBase), []byte(fmt.Sprintf("https://example.se/a%d/", i)))
		if err := call(ctx, client, "POST", base+"/api/v1/agencies/"+org+"/import", operator, "application/n-triples", body, http.StatusOK, nil); err != nil {
			return nil, fmt.Errorf("import into %s: %w", org, err)
		}
	}
	return tokens, nil
}

// call sends one request and decodes a JSON answer into out, if given; a
// status other than want is an error.
func call(ctx context.Context, client *http.Client, method, url, token, ctype string, body []byte, want int, out any) error {
	req, err := http.NewRequestWithContext(ctx, method, url, bytes.NewReader(body))
	if err != nil {
		return err
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	if ctype != "" {
		req.Header.Set("Content-Type", ctype)
	}
	res, err := client.Do(req)
	if err != nil {
		return err
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		return fmt.Errorf("read the answer: %w", err)
	}
	if res.StatusCode != want {
		return fmt.Errorf("%s %s: %d %s", method, url, res.StatusCode, strings.TrimSpace(string(b)))
	}
	if out != nil {
		if err := json.Unmarshal(b, out); err != nil {
			return fmt.Errorf("decode the answer: %w", err)
		}
	}
	return nil
}

// target is one agency the load works on: its token and some of its
// datasets, as JSON bodies ready to PUT back.
type target struct {
	org      string
	token    string
	datasets []dataset
}

// dataset is one dataset's ID and its writable fields.
type dataset struct {
	id   string
	body map[string]any
}

// sample reads the first page of each agency's datasets.
func sample(ctx context.Context, client *http.Client, base string, orgs []string, tokens map[string]string) ([]target, error) {
	var targets []target
	for _, org := range orgs {
		var page struct {
			Items []map[string]any `json:"items"`
			Total int              `json:"total"`
		}
		if err := call(ctx, client, "GET", base+"/api/v1/agencies/"+org+"/datasets?limit=100", "", "", nil, http.StatusOK, &page); err != nil {
			return nil, err
		}
		if len(page.Items) == 0 {
			return nil, fmt.Errorf("agency %s has no datasets", org)
		}
		t := target{org: org, token: tokens[org]}
		for _, it := range page.Items {
			id, _ := it["id"].(string)
			for _, k := range []string{"id", "agency", "createdAt", "updatedAt"} {
				delete(it, k)
			}
			t.datasets = append(t.datasets, dataset{id: id, body: it})
		}
		targets = append(targets, t)
	}
	return targets, nil
}
