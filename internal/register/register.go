// Package register reads agency registers (CSV) into catalog agencies:
// organisation numbers, names, size class, department, group and whether
// the agency is active (in the register's current list).
package register

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/katalog-se/katalog/catalog"
)

// RowError locates a bad row of the register.
type RowError struct {
	Line   int
	Column string
	Msg    string
}

func (e RowError) Error() string {
	if e.Column != "" {
		return fmt.Sprintf("line %d, column %s: %s", e.Line, e.Column, e.Msg)
	}
	return fmt.Sprintf("line %d: %s", e.Line, e.Msg)
}

// Errors is every RowError of a register.
type Errors []RowError

func (e Errors) Error() string {
	msgs := make([]string, 0, len(e))
	for i, r := range e {
		if i == 20 {
			msgs = append(msgs, fmt.Sprintf("… and %d more", len(e)-20))
			break
		}
		msgs = append(msgs, r.Error())
	}
	return strings.Join(msgs, "\n")
}

// columns maps the accepted header names (several spellings) to fields.
var columns = map[string]string{
	"org_nr": "org", "orgnr": "org", "orgnumber": "org", "organisationsnummer": "org", "org_number": "org",
	"name": "name", "namn": "name", "name_sv": "name",
	"name_en":    "name_en",
	"short_name": "short", "shortname": "short", "kortnamn": "short",
	"department": "department", "departement": "department",
	"size_class_by_fte": "size", "size_class": "size", "sizeclass": "size", "size": "size",
	"fte": "staff", "staff": "staff", "employees": "staff", "esv_employees": "staff",
	"scb_group": "group", "group": "group", "grupp": "group",
	"website": "homepage", "homepage": "homepage", "webbplats": "homepage",
	"email": "email", "epost": "email",
	"publisher_type": "ptype", "publishertype": "ptype",
	"active_in_2025_list": "active", "active": "active", "aktiv": "active", "is_active": "active",
}

// activeFlag reads the active column: yes/no (ja/nej, true/false, 1/0),
// any case. An empty cell, or a register without the column, means active.
func activeFlag(s string) (active, ok bool) {
	switch strings.ToLower(s) {
	case "", "yes", "y", "ja", "j", "true", "1":
		return true, true
	case "no", "n", "nej", "false", "0":
		return false, true
	}
	return false, false
}

// Parse reads a CSV register with a header row. The org number and name
// columns are required; unknown columns are ignored. The active column
// (active_in_2025_list in Statskontoret's list) says yes or no; without it
// every agency is active. Every bad row is
// reported (RowError, line numbers from 1 counting the header); with
// skipInvalid the bad rows are left out instead and reported as well.
func Parse(r io.Reader, skipInvalid bool) ([]catalog.Agency, Errors, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	cr.TrimLeadingSpace = true
	header, err := cr.Read()
	if err != nil {
		return nil, nil, fmt.Errorf("register: header: %w", err)
	}
	idx := map[string]int{}
	for i, h := range header {
		h = strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")))
		if f, ok := columns[h]; ok {
			if _, dup := idx[f]; !dup {
				idx[f] = i
			}
		}
	}
	for _, need := range []string{"org", "name"} {
		if _, ok := idx[need]; !ok {
			return nil, nil, fmt.Errorf("register: the header needs an organisation-number column (org_nr) and a name column (name); got %s", strings.Join(header, ","))
		}
	}
	var (
		out  []catalog.Agency
		bad  Errors
		seen = map[catalog.OrgNumber]int{}
	)
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		line, _ := cr.FieldPos(0)
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				return nil, nil, fmt.Errorf("register: line %d, column %d: %w", pe.Line, pe.Column, pe.Err)
			}
			return nil, nil, fmt.Errorf("register: %w", err)
		}
		get := func(f string) string {
			if i, ok := idx[f]; ok && i < len(rec) {
				return strings.TrimSpace(rec[i])
			}
			return ""
		}
		org, err := catalog.ParseOrgNumber(get("org"))
		if err != nil {
			bad = append(bad, RowError{Line: line, Column: header[idx["org"]], Msg: err.Error()})
			continue
		}
		if first, dup := seen[org]; dup {
			bad = append(bad, RowError{Line: line, Column: header[idx["org"]], Msg: fmt.Sprintf("organisation number %s also on line %d", org, first)})
			continue
		}
		seen[org] = line
		name := get("name")
		if name == "" {
			bad = append(bad, RowError{Line: line, Column: header[idx["name"]], Msg: "the name is empty"})
			continue
		}
		active, ok := activeFlag(get("active"))
		if !ok {
			bad = append(bad, RowError{Line: line, Column: header[idx["active"]], Msg: fmt.Sprintf("%q is neither yes nor no", get("active"))})
			continue
		}
		a := catalog.Agency{OrgNumber: org, Name: catalog.LangString{"sv": name}, ShortName: get("short"),
			Department: get("department"), SizeClass: sizeClass(get("size")), Group: get("group"), Email: get("email"),
			Active: active}
		if en := get("name_en"); en != "" {
			a.Name["en"] = en
		}
		if s := get("staff"); s != "" {
			if f, err := strconv.ParseFloat(s, 64); err == nil && f >= 0 {
				a.Staff = int(f + 0.5)
			}
		}
		if h := get("homepage"); h != "" {
			if !strings.Contains(h, "://") {
				h = "https://" + h
			}
			a.Homepage = h
		}
		a.PublisherType = "http://purl.org/adms/publishertype/NationalAuthority"
		if t := get("ptype"); t != "" {
			iri, ok := catalog.PublisherTypes.Canonical(t)
			if !ok {
				bad = append(bad, RowError{Line: line, Column: header[idx["ptype"]], Msg: fmt.Sprintf("unknown publisher type %q", t)})
				continue
			}
			a.PublisherType = iri
		}
		out = append(out, a)
	}
	if len(bad) > 0 && !skipInvalid {
		return nil, bad, bad
	}
	return out, bad, nil
}

// sizeClass keeps the bucket name of forms like "large(250-999)".
func sizeClass(s string) string {
	if i := strings.IndexByte(s, '('); i > 0 {
		s = s[:i]
	}
	return strings.TrimSpace(s)
}
