package importer

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"hash"
	"io"
	"net/http"
	"os"
	"path"
	"sort"
	"time"

	"github.com/katalog-se/katalog/catalog"
	"github.com/katalog-se/katalog/internal/problem"
)

// digestVersion changes when the way sources are read into datasets
// changes, so an old digest never short-cuts a new importer.
const digestVersion = "katalog-import-2"

// newDigest starts the digest of a source: the importer version, the base
// of minted IRIs and how the syntax is told, then the bytes.
func (im *Importer) newDigest(src Source) hash.Hash {
	h := sha256.New()
	fmt.Fprintf(h, "%s\x00%s\x00%s\x00%s\x00%s\x00%s\x00%d\x00", digestVersion, im.mapper.BaseURL(), src.Format, path.Ext(src.Name), src.MediaType, src.Base, len(src.ProcessorCatalog))
	h.Write(src.ProcessorCatalog)
	return h
}

// rewindable returns src's body as a reader from its start after hashing
// it all: a seekable body is read twice, any other is copied to a
// temporary file while hashed (within the size limit). done removes it.
func (im *Importer) rewindable(src Source) (body io.Reader, digest string, done func(), err error) {
	h := im.newDigest(src)
	if rs, ok := src.Body.(io.ReadSeeker); ok {
		start, err := rs.Seek(0, io.SeekCurrent)
		if err == nil {
			if _, err := io.Copy(h, rs); err != nil {
				return nil, "", nil, inputProblem(src.Name, err)
			}
			if _, err := rs.Seek(start, io.SeekStart); err == nil {
				return rs, hex.EncodeToString(h.Sum(nil)), func() {}, nil
			}
		}
	}
	f, err := os.CreateTemp(im.spoolDir, "katalog-import-*")
	if err != nil {
		return nil, "", nil, fmt.Errorf("importer: spool the source: %w", err)
	}
	done = func() { f.Close(); os.Remove(f.Name()) }
	in := src.Body
	if im.limits.MaxBytes > 0 {
		in = io.LimitReader(in, im.limits.MaxBytes+1)
	}
	n, err := io.Copy(io.MultiWriter(f, h), in)
	if err == nil && im.limits.MaxBytes > 0 && n > im.limits.MaxBytes {
		err = problem.New(http.StatusRequestEntityTooLarge, "too-large", "The feed is too large",
			fmt.Sprintf("%s is larger than %d bytes; nothing was imported", nameOr(src.Name), im.limits.MaxBytes))
	}
	if err == nil {
		_, err = f.Seek(0, io.SeekStart)
	}
	if err != nil {
		done()
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return nil, "", nil, err // the server answers 413
		}
		return nil, "", nil, inputProblem(src.Name, err)
	}
	return f, hex.EncodeToString(h.Sum(nil)), done, nil
}

// unchangedSince reports whether org's last import read a source with this
// digest and nothing has changed the agency since: then the import would
// change nothing, and rep is filled in as such (with the last import's
// validation findings and what it minted).
func (im *Importer) unchangedSince(ctx context.Context, org catalog.OrgNumber, digest string, rep *Report) (bool, error) {
	st, err := im.store.ImportState(ctx, org)
	if err != nil {
		return false, fmt.Errorf("importer: %w", err)
	}
	if st.Digest != digest {
		return false, nil
	}
	rev, err := im.store.Revision(ctx, org)
	if err != nil || rev.Seq != st.Revision {
		return false, err
	}
	hashes, err := im.store.DatasetHashes(ctx, org)
	if err != nil {
		return false, fmt.Errorf("importer: %w", err)
	}
	var last Report
	if len(st.Report) > 0 && json.Unmarshal(st.Report, &last) == nil {
		rep.Validation, rep.Minted, rep.MintedCount = last.Validation, last.Minted, last.MintedCount
		rep.Changed, rep.ChangedCount, rep.Rest = last.Changed, last.ChangedCount, last.Rest
		rep.Unpublishable, rep.UnpublishableCount = last.Unpublishable, last.UnpublishableCount
		rep.Notes, rep.NotesCount = last.Notes, last.NotesCount
	}
	rep.Unchanged = make([]string, 0, len(hashes))
	for id := range hashes {
		rep.Unchanged = append(rep.Unchanged, id)
	}
	sort.Strings(rep.Unchanged)
	rep.Datasets, rep.SourceUnchanged = len(hashes), true
	rep.Format, rep.Triples, rep.Pages = st.Format, int(st.Triples), 1
	return true, nil
}

// remember records org's import state at its current revision: the
// source's digest ("" for a network source, which is read again every
// time), the report (its lists capped) and the rest of the graph.
func (im *Importer) remember(ctx context.Context, org catalog.OrgNumber, digest string, rep *Report, rest []byte) error {
	rev, err := im.store.Revision(ctx, org)
	if err != nil {
		return fmt.Errorf("importer: %w", err)
	}
	kept := *rep
	for _, l := range []*[]string{&kept.Added, &kept.Updated, &kept.Unchanged, &kept.Removed} {
		*l = (*l)[:min(len(*l), MaxListed)]
	}
	report, err := json.Marshal(&kept)
	if err != nil {
		return fmt.Errorf("importer: %w", err)
	}
	st := catalog.ImportState{Digest: digest, Revision: rev.Seq, Format: rep.Format, Triples: int64(rep.Triples),
		At: time.Now().UTC(), Report: report, Rest: rest}
	if err := im.store.SetImportState(ctx, org, st); err != nil {
		return fmt.Errorf("importer: %w", err)
	}
	return nil
}
