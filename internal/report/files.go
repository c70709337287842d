package report

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
)

// WriteJSON writes the report as indented JSON.
func WriteJSON(w io.Writer, rep *Report) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	if err := enc.Encode(rep); err != nil {
		return fmt.Errorf("report: write JSON of %s: %w", rep.ID, err)
	}
	return nil
}

// WriteFiles writes {id}.json, {id}.csv, {id}.sv.csv (for Excel in a
// Swedish locale) and {id}.html into dir. A file that
// exists is left as it is (reports are immutable); each new one appears
// whole, through a temporary file linked into place.
func WriteFiles(dir string, rep *Report) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("report: files of %s: %w", rep.ID, err)
	}
	writers := []struct {
		ext   string
		write func(io.Writer, *Report) error
	}{
		{"json", WriteJSON},
		{"csv", WriteCSV},
		{"sv.csv", func(w io.Writer, r *Report) error { return WriteCSVVariant(w, r, CSVOptions{Swedish: true}) }},
		{"html", func(w io.Writer, r *Report) error { return WriteHTML(w, r, HTMLOptions{}) }},
	}
	for _, wr := range writers {
		var buf bytes.Buffer
		if err := wr.write(&buf, rep); err != nil {
			return err
		}
		if err := writeOnce(filepath.Join(dir, rep.ID+"."+wr.ext), buf.Bytes()); err != nil {
			return fmt.Errorf("report: files of %s: %w", rep.ID, err)
		}
	}
	return nil
}

// writeOnce creates path with data unless it exists.
func writeOnce(path string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".report-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Chmod(tmp.Name(), 0o444); err != nil {
		return err
	}
	if err := os.Link(tmp.Name(), path); err != nil && !errors.Is(err, fs.ErrExist) {
		return err
	}
	return nil
}
