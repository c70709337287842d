package readiness

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/maphash"
	"io"
	"iter"
	"os"

	"github.com/knakk/rdf"

	"github.com/katalog-se/katalog/dcat/syntax/rdfparse"
)

// A check keeps what it must hold on to past one triple (the URLs it will
// probe, the graph an agency's observation keeps) in temporary files in
// the process's temp folder (Options.TempDir), not in memory: a catalog
// of any size costs the same memory.

// spoolFile is a temporary file written once, then read back; Close
// removes it.
type spoolFile struct {
	f *os.File
	w *bufio.Writer
	// size is how many bytes were written (flushed or not).
	size int64
}

func newSpoolFile(dir, pattern string) (*spoolFile, error) {
	f, err := os.CreateTemp(dir, pattern)
	if err != nil {
		return nil, fmt.Errorf("check: spool: %w", err)
	}
	return &spoolFile{f: f, w: bufio.NewWriterSize(f, 64<<10)}, nil
}

// write appends b as one length-prefixed record.
func (s *spoolFile) write(b []byte) error {
	var n [binary.MaxVarintLen64]byte
	k := binary.PutUvarint(n[:], uint64(len(b)))
	if _, err := s.w.Write(n[:k]); err != nil {
		return fmt.Errorf("check: spool: %w", err)
	}
	if _, err := s.w.Write(b); err != nil {
		return fmt.Errorf("check: spool: %w", err)
	}
	s.size += int64(k + len(b))
	return nil
}

// truncate drops everything written after size bytes.
func (s *spoolFile) truncate(size int64) error {
	if err := s.w.Flush(); err != nil {
		return fmt.Errorf("check: spool: %w", err)
	}
	if err := s.f.Truncate(size); err != nil {
		return fmt.Errorf("check: spool: %w", err)
	}
	if _, err := s.f.Seek(size, io.SeekStart); err != nil {
		return fmt.Errorf("check: spool: %w", err)
	}
	s.size = size
	return nil
}

// records reads every record back, from the start, each in a buffer that
// is reused: a consumer keeps what it needs by copying.
func (s *spoolFile) records() iter.Seq2[[]byte, error] {
	return func(yield func([]byte, error) bool) {
		if err := s.w.Flush(); err != nil {
			yield(nil, fmt.Errorf("check: spool: %w", err))
			return
		}
		r := bufio.NewReaderSize(io.NewSectionReader(s.f, 0, s.size), 64<<10)
		var buf []byte
		for {
			n, err := binary.ReadUvarint(r)
			if errors.Is(err, io.EOF) {
				return
			}
			if err == nil && n > uint64(s.size) {
				err = errors.New("corrupt record")
			}
			if err == nil {
				if uint64(cap(buf)) < n {
					buf = make([]byte, n)
				}
				buf = buf[:n]
				_, err = io.ReadFull(r, buf)
			}
			if err != nil {
				yield(nil, fmt.Errorf("check: spool: %w", err))
				return
			}
			if !yield(buf, nil) {
				return
			}
		}
	}
}

// Close removes the file.
func (s *spoolFile) Close() error {
	name := s.f.Name()
	err := s.f.Close()
	if rerr := os.Remove(name); err == nil {
		err = rerr
	}
	return err
}

// linkSpool collects the distinct link URLs of a check with the kinds each
// appeared under. The URLs go to a file as they are first seen; memory
// holds a 64-bit hash and a kind set per URL.
type linkSpool struct {
	file  *spoolFile
	seed  maphash.Seed
	kinds map[uint64]uint8
	err   error
}

func newLinkSpool(dir string) (*linkSpool, error) {
	f, err := newSpoolFile(dir, "links-*")
	if err != nil {
		return nil, err
	}
	return &linkSpool{file: f, seed: maphash.MakeSeed(), kinds: map[uint64]uint8{}}, nil
}

// add records url under the kind bit.
func (l *linkSpool) add(url string, bit uint8) {
	h := maphash.String(l.seed, url)
	k, seen := l.kinds[h]
	l.kinds[h] = k | bit
	if !seen && l.err == nil {
		l.err = l.file.write([]byte(url))
	}
}

// count is the number of distinct URLs.
func (l *linkSpool) count() int { return len(l.kinds) }

// links reads the URLs back in the order first seen, each with every kind
// it appeared under.
func (l *linkSpool) links() iter.Seq[Link] {
	return func(yield func(Link) bool) {
		for rec, err := range l.file.records() {
			if err != nil {
				return
			}
			url := string(rec)
			if !yield(NewLink(url, kindsOf(l.kinds[maphash.String(l.seed, url)]))) {
				return
			}
		}
	}
}

func (l *linkSpool) Close() error { return l.file.Close() }

// Term kinds in a triple record.
const (
	recIRI byte = iota
	recBlank
	recLiteral
)

// rdfLangString is the datatype of language-tagged literals.
var rdfLangString = rdfparse.CheckedIRI(rdfparse.RDFNS + "langString")

// appendTriple encodes t exactly (every term as read, blank labels as
// given): a record of the triple spool.
func appendTriple(b []byte, t rdf.Triple) []byte {
	b = appendTerm(b, t.Subj)
	b = appendString(b, t.Pred.String())
	return appendTerm(b, t.Obj)
}

func appendTerm(b []byte, t rdf.Term) []byte {
	switch x := t.(type) {
	case rdf.Blank:
		return appendString(append(b, recBlank), x.String())
	case rdf.Literal:
		b = appendString(append(b, recLiteral), x.String())
		b = appendString(b, x.Lang())
		return appendString(b, x.DataType.String())
	}
	return appendString(append(b, recIRI), t.String())
}

func appendString(b []byte, s string) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}

// errRecord is the error of a record that does not decode.
var errRecord = errors.New("check: spool: corrupt triple record")

// decodeTriple reads a record of appendTriple.
func decodeTriple(b []byte) (rdf.Triple, error) {
	var t rdf.Triple
	s, b, err := decodeTerm(b)
	if err != nil {
		return t, err
	}
	p, b, ok := decodeString(b)
	if !ok {
		return t, errRecord
	}
	o, _, err := decodeTerm(b)
	if err != nil {
		return t, err
	}
	subj, ok := s.(rdf.Subject)
	obj, ok2 := o.(rdf.Object)
	if !ok || !ok2 {
		return t, errRecord
	}
	return rdf.Triple{Subj: subj, Pred: rdfparse.CheckedIRI(p), Obj: obj}, nil
}

func decodeTerm(b []byte) (rdf.Term, []byte, error) {
	if len(b) == 0 {
		return nil, nil, errRecord
	}
	kind := b[0]
	s, b, ok := decodeString(b[1:])
	if !ok {
		return nil, nil, errRecord
	}
	switch kind {
	case recIRI:
		return rdfparse.CheckedIRI(s), b, nil
	case recBlank:
		bn, err := rdf.NewBlank(s)
		if err != nil {
			return nil, nil, errRecord
		}
		return bn, b, nil
	case recLiteral:
		lang, b, ok := decodeString(b)
		if !ok {
			return nil, nil, errRecord
		}
		dt, b, ok := decodeString(b)
		if !ok {
			return nil, nil, errRecord
		}
		if lang != "" {
			return rdfparse.LangLiteral(s, lang, rdfLangString), b, nil
		}
		return rdf.NewTypedLiteral(s, rdfparse.CheckedIRI(dt)), b, nil
	}
	return nil, nil, errRecord
}

func decodeString(b []byte) (string, []byte, bool) {
	n, k := binary.Uvarint(b)
	if k <= 0 || uint64(len(b)-k) < n {
		return "", nil, false
	}
	return string(b[k : k+int(n)]), b[k+int(n):], true
}
