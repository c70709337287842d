package server

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"testing"
)

// BenchmarkDatasetCreate measures POST /api/v1/agencies/{org}/datasets through
// the whole HTTP stack: routing, auth, JSON Schema validation, a SQLite
// transaction in WAL mode, and the JSON answer.
func BenchmarkDatasetCreate(b *testing.B) {
	f := newFixture(b)
	token := f.register(orgDigg, "Digg")
	body, _ := json.Marshal(datasetBody("Benchmark"))
	url := f.srv.URL + "/api/v1/agencies/" + orgDigg + "/datasets"
	client := f.srv.Client()
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		req, _ := http.NewRequest("POST", url, bytes.NewReader(body))
		req.Header.Set("Authorization", "Bearer "+token)
		res, err := client.Do(req)
		if err != nil {
			b.Fatal(err)
		}
		io.Copy(io.Discard, res.Body)
		res.Body.Close()
		if res.StatusCode != 201 {
			b.Fatalf("status %d", res.StatusCode)
		}
	}
}

// BenchmarkDatasetRead measures GET of one dataset through the HTTP stack.
func BenchmarkDatasetRead(b *testing.B) {
	f := newFixture(b)
	token := f.register(orgDigg, "Digg")
	var ids []string
	for i := 0; i < 100; i++ {
		r := f.do("POST", "/api/v1/agencies/"+orgDigg+"/datasets", token, datasetBody(fmt.Sprintf("Datamängd %d", i)))
		var d struct{ ID string }
		json.Unmarshal(r.body, &d)
		ids = append(ids, d.ID)
	}
	client := f.srv.Client()
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		res, err := client.Get(f.srv.URL + "/api/v1/agencies/" + orgDigg + "/datasets/" + ids[i%len(ids)])
		if err != nil {
			b.Fatal(err)
		}
		io.Copy(io.Discard, res.Body)
		res.Body.Close()
		if res.StatusCode != 200 {
			b.Fatalf("status %d", res.StatusCode)
		}
	}
}
