package server

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"strings"
	"testing"
)

// maxHandlerLines is the longest a handler's body may be: handlers parse,
// call one function and render; anything longer belongs in a helper or in
// the package that owns the work.
const maxHandlerLines = 25

// TestHandlersAreShort reads this package's source and holds every
// function taking one *gin.Context (handlers and middleware) to
// maxHandlerLines lines of body.
func TestHandlersAreShort(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	checked := 0
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range f.Decls {
			fd, ok := d.(*ast.FuncDecl)
			if !ok || fd.Body == nil || !takesGinContext(fd) {
				continue
			}
			checked++
			lines := fset.Position(fd.Body.Rbrace).Line - fset.Position(fd.Body.Lbrace).Line - 1
			if lines > maxHandlerLines {
				t.Errorf("%s: %s has %d lines, at most %d", fset.Position(fd.Pos()), fd.Name.Name, lines, maxHandlerLines)
			}
		}
	}
	if checked < 20 {
		t.Fatalf("only %d handlers found: the test no longer sees them", checked)
	}
}

// takesGinContext reports whether fd's only parameter is a *gin.Context.
func takesGinContext(fd *ast.FuncDecl) bool {
	ps := fd.Type.Params.List
	if len(ps) != 1 || len(ps[0].Names) > 1 {
		return false
	}
	star, ok := ps[0].Type.(*ast.StarExpr)
	if !ok {
		return false
	}
	sel, ok := star.X.(*ast.SelectorExpr)
	if !ok {
		return false
	}
	pkg, ok := sel.X.(*ast.Ident)
	return ok && pkg.Name == "gin" && sel.Sel.Name == "Context"
}
