package rdfparse

import (
	"bytes"
	"errors"
	"io"
	"unicode/utf8"
)

const bufSize = 64 << 10

// Input is a buffered reader that knows the line and column of every
// byte (columns in characters: UTF-8 continuation bytes are not counted)
// and enforces a MaxBytes limit. It implements io.Reader and
// io.ByteReader.
//
// Positions are computed lazily: consuming input (Skip, Read, ReadByte)
// only moves an offset, and Pos counts the lines and characters consumed
// since its last call, in bulk, as does a buffer refill before it drops
// consumed bytes. So a reader pays for positions once per byte, with
// bytes.Count, not once per token. Mark remembers a position to ask for
// later (MarkPos), such as the start of a token whose error is found
// after it has been read.
type Input struct {
	r        io.Reader
	buf      []byte
	pos, end int
	err      error // sticky error from r, returned once the buffer is used up
	off      int64 // bytes consumed
	max      int64

	// Positions: lines and characters before lcOff (an absolute offset
	// not beyond off) are counted in line and col.
	lcOff     int64
	line      int // lines before lcOff (0-based)
	col       int // characters between the last line start and lcOff
	markOff   int64
	markLine  int
	markCol   int
	markState uint8 // markNone, markPending or markDone
}

const (
	markNone uint8 = iota
	markPending
	markDone
)

// NewInput returns an Input reading r; maxBytes > 0 limits the input size.
func NewInput(r io.Reader, maxBytes int64) *Input {
	return &Input{r: r, buf: make([]byte, bufSize), max: maxBytes}
}

// Reset makes an Input made by NewInput read r from its start, with its
// limit and its buffer.
func (in *Input) Reset(r io.Reader) {
	*in = Input{r: r, buf: in.buf, max: in.max}
}

// NewInputBytes returns an Input reading b, which it neither copies nor
// changes (the replacement text of an XML entity, say). Its positions
// count from the start of b.
func NewInputBytes(b []byte) *Input {
	return &Input{buf: b, end: len(b), err: io.EOF}
}

// sync counts lines and characters up to the absolute offset to (not
// beyond off), recording a pending mark on the way.
func (in *Input) sync(to int64) {
	if in.markState == markPending && in.markOff <= to && in.markOff >= in.lcOff {
		in.count(in.markOff)
		in.markLine, in.markCol, in.markState = in.line, in.col, markDone
	}
	in.count(to)
}

// count advances lcOff to to over the buffered bytes between them.
func (in *Input) count(to int64) {
	if to <= in.lcOff {
		return
	}
	base := in.off - int64(in.pos) // offset of buf[0]
	seg := in.buf[in.lcOff-base : to-base]
	in.lcOff = to
	if i := bytes.LastIndexByte(seg, '\n'); i >= 0 {
		in.line += bytes.Count(seg[:i+1], nl)
		in.col = 0
		seg = seg[i+1:]
	}
	in.col += chars(seg)
}

// chars counts the characters that start in b: bytes other than UTF-8
// continuation bytes (so a character split between two calls counts
// once).
func chars(b []byte) int {
	n := len(b)
	for _, c := range b {
		if c&0xC0 == 0x80 {
			n--
		}
	}
	return n
}

// Pos returns the line and column (both from 1) of the next byte.
func (in *Input) Pos() (line, col int) {
	in.sync(in.off)
	return in.line + 1, in.col + 1
}

// Mark remembers the position of the next byte for MarkPos.
func (in *Input) Mark() {
	in.markOff, in.markState = in.off, markPending
}

// MarkPos returns the line and column (both from 1) that Mark remembered.
func (in *Input) MarkPos() (line, col int) {
	switch in.markState {
	case markNone:
		return in.Pos()
	case markPending:
		in.sync(in.markOff)
	}
	return in.markLine + 1, in.markCol + 1
}

// Offset returns the number of bytes consumed.
func (in *Input) Offset() int64 { return in.off }

// fill reads more input, keeping the unread bytes; it reports whether the
// buffer grew.
func (in *Input) fill() bool {
	if in.err != nil {
		return false
	}
	if in.pos > 0 {
		// Count the positions in the bytes about to be dropped.
		in.sync(in.off)
		n := copy(in.buf, in.buf[in.pos:in.end])
		in.pos, in.end = 0, n
	}
	if in.end == len(in.buf) {
		return false
	}
	for tries := 0; tries < 100; tries++ {
		n, err := in.r.Read(in.buf[in.end:])
		if n < 0 || n > len(in.buf)-in.end {
			in.err = errors.New("rdfparse: reader returned an invalid count")
			return false
		}
		in.end += n
		if in.max > 0 && in.off+int64(in.end-in.pos) > in.max {
			// Keep only what fits; report the limit once that is consumed.
			keep := in.max - in.off
			if keep < int64(in.end-in.pos) {
				in.end = in.pos + int(keep)
			}
			in.err = &LimitError{Limit: "MaxBytes", Max: in.max}
			return n > 0
		}
		if err != nil {
			in.err = err
			return n > 0
		}
		if n > 0 {
			return true
		}
	}
	in.err = io.ErrNoProgress
	return false
}

// Err returns the error that ended the input (io.EOF at a clean end, a
// *LimitError with this position for MaxBytes).
func (in *Input) Err() error {
	if le, ok := in.err.(*LimitError); ok {
		c := *le
		c.Line, c.Column = in.Pos()
		return &c
	}
	return in.err
}

// ReadByte consumes one byte.
func (in *Input) ReadByte() (byte, error) {
	if in.pos == in.end && !in.fill() && in.pos == in.end {
		return 0, in.Err()
	}
	b := in.buf[in.pos]
	in.pos++
	in.off++
	return b, nil
}

// Read implements io.Reader.
func (in *Input) Read(p []byte) (int, error) {
	if len(p) == 0 {
		return 0, nil
	}
	if in.pos == in.end && !in.fill() && in.pos == in.end {
		return 0, in.Err()
	}
	n := copy(p, in.buf[in.pos:in.end])
	in.pos += n
	in.off += int64(n)
	return n, nil
}

// Peek returns up to n unread bytes without consuming them (fewer at the
// end of input). n must not exceed 4096.
func (in *Input) Peek(n int) []byte {
	for in.end-in.pos < n && in.fill() {
	}
	if in.end-in.pos < n {
		n = in.end - in.pos
	}
	return in.buf[in.pos : in.pos+n]
}

// PeekByte returns the next byte, or -1 at the end of input.
func (in *Input) PeekByte() int {
	if in.pos == in.end && !in.fill() && in.pos == in.end {
		return -1
	}
	return int(in.buf[in.pos])
}

// PeekRune decodes the next rune without consuming it: -1 at the end of
// input, utf8.RuneError with size 1 for invalid UTF-8.
func (in *Input) PeekRune() (rune, int) {
	if in.pos == in.end && !in.fill() && in.pos == in.end {
		return -1, 0
	}
	if c := in.buf[in.pos]; c < utf8.RuneSelf {
		return rune(c), 1
	}
	if in.end-in.pos < utf8.UTFMax {
		in.Peek(utf8.UTFMax)
	}
	return utf8.DecodeRune(in.buf[in.pos:in.end])
}

// Skip consumes n bytes that Peek, PeekRune or Buffered has made
// available.
func (in *Input) Skip(n int) {
	in.pos += n
	in.off += int64(n)
}

var nl = []byte{'\n'}

// Buffered returns the unread bytes in the buffer, reading more if there
// are none; it is empty only at the end of input.
func (in *Input) Buffered() []byte {
	if in.pos == in.end {
		in.fill()
	}
	return in.buf[in.pos:in.end]
}

// Wrap makes the rest of the input (buffered bytes included) pass through
// f, e.g. a decoder from another character encoding to UTF-8.
func (in *Input) Wrap(f func(io.Reader) io.Reader) {
	in.sync(in.off)
	rest := append([]byte(nil), in.buf[in.pos:in.end]...)
	var src io.Reader = in.r
	if in.err != nil {
		src = errReader{in.err}
	}
	in.r = f(io.MultiReader(bytes.NewReader(rest), src))
	in.pos, in.end, in.err = 0, 0, nil
}

type errReader struct{ err error }

func (e errReader) Read([]byte) (int, error) { return 0, e.err }

// PeekRuneAt decodes the rune that starts off bytes ahead (off must be at
// most 4000); -1 at the end of input.
func (in *Input) PeekRuneAt(off int) (rune, int) {
	b := in.Peek(off + utf8.UTFMax)
	if len(b) <= off {
		return -1, 0
	}
	if c := b[off]; c < utf8.RuneSelf {
		return rune(c), 1
	}
	return utf8.DecodeRune(b[off:])
}
