package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/knakk/rdf"
	"github.com/spf13/cobra"

	"github.com/katalog-se/katalog/dcat/syntax/codec"
	"github.com/katalog-se/katalog/dcat/syntax/rdfio"
)

func (a *app) convertCmd() *cobra.Command {
	var from, to, base string
	cmd := &cobra.Command{
		Use:   "convert [--from auto|rdfxml|turtle|ntriples|jsonld|trig|nquads] [--to rdfxml|turtle|ntriples|jsonld|trig|nquads] [--base IRI] FILE|-",
		Short: "Convert an RDF file to another syntax through katalog's own parsers and writers",
		Long: `Convert an RDF file (or - for stdin) to another syntax, streaming: katalog's
own RDF/XML, Turtle, N-Triples, JSON-LD, TriG and N-Quads readers and writers.
--from auto (the default) decides by file suffix, then by the first bytes.
The output goes to stdout. Named graphs (TriG, N-Quads, JSON-LD input) are
kept by --to trig and --to nquads; a syntax of one graph cannot hold them,
and the conversion stops at the first named graph's triple.

Exit codes: 0 converted; 2 unparsable input (the message gives line and
column; what was converted before the error has been written), a named
graph the output syntax cannot hold, or usage error.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			out, err := rdfio.ParseFormat(to)
			if err != nil {
				return usageErr("--to: %v", err)
			}
			var in io.Reader = a.stdin
			name := args[0]
			if name != "-" {
				f, err := os.Open(name)
				if err != nil {
					return usageErr("%v", err)
				}
				defer f.Close()
				in = f
				if fi, err := f.Stat(); err == nil && fi.Mode().IsRegular() {
					// The file is read on another core than it is parsed.
					ra := newReadAhead(f, 256<<10, 3)
					defer ra.Close()
					in = ra
				}
			}
			// A small buffer, for detecting the syntax: the readers read
			// larger blocks, which pass it by.
			br := bufio.NewReaderSize(in, 16<<10)
			var src rdfio.Format
			if from == "" || from == "auto" {
				head, _ := br.Peek(4096)
				var ok bool
				if src, ok = codec.Detect(name, "", head); !ok {
					return usageErr("%s: cannot tell the RDF syntax; say --from", name)
				}
			} else if src, err = rdfio.ParseFormat(from); err != nil {
				return usageErr("--from: %v", err)
			}
			r, err := codec.NewQuadReader(src, br, base, codec.Limits{})
			if err != nil {
				return usageErr("%v", err)
			}
			bw := bufio.NewWriterSize(a.stdout, 256<<10)
			w, err := codec.NewQuadWriter(out, bw)
			if err != nil {
				return usageErr("%v", err)
			}
			// Read in a second goroutine, write in this one
			// (rdfio.PipeQuadReader): the two use both cores.
			cw := &convertWriter{w: w}
			ctx := cmd.Context()
			if ctx == nil {
				ctx = context.Background()
			}
			readErr, err := rdfio.PipeQuadReader(ctx, r, cw)
			n := cw.n
			switch {
			case cw.err != nil:
				w.Close()
				bw.Flush()
				if errors.Is(cw.err, rdfio.ErrNamedGraph) {
					return usageErr("%s: triple %d is in a named graph, which %s cannot hold (use --to trig or --to nquads): %v", name, n+1, out, cw.err)
				}
				return usageErr("%s: triple %d cannot be written as %s: %v", name, n+1, out, cw.err)
			case readErr != nil:
				w.Close()
				bw.Flush()
				return usageErr("%s: %v", name, readErr)
			case err != nil:
				return fmt.Errorf("convert: %w", err)
			}
			if err := w.Close(); err != nil {
				return fmt.Errorf("convert: %w", err)
			}
			if err := bw.Flush(); err != nil {
				return fmt.Errorf("convert: %w", err)
			}
			fmt.Fprintf(a.stderr, "%d triples\n", n)
			return nil
		},
	}
	cmd.Flags().StringVar(&from, "from", "auto", "input syntax: auto, rdfxml, turtle, ntriples, jsonld, trig or nquads")
	cmd.Flags().StringVar(&to, "to", "ntriples", "output syntax: rdfxml, turtle, ntriples, jsonld, trig or nquads")
	cmd.Flags().StringVar(&base, "base", "", "base IRI for relative IRIs in the input")
	return cmd
}

// convertWriter counts the quads written and keeps the writer's error.
type convertWriter struct {
	w   rdfio.QuadWriter
	n   int
	err error
}

func (c *convertWriter) WriteQuad(q rdf.Quad) error {
	if err := c.w.WriteQuad(q); err != nil {
		c.err = err
		return err
	}
	c.n++
	return nil
}

// Close closes the underlying writer.
func (c *convertWriter) Close() error { return c.w.Close() }
