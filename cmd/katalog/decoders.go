package main

import "github.com/katalog-se/katalog/internal/importer"

// importDecoders are the input syntaxes beyond RDF that imports accept.
func importDecoders() []importer.Option { return nil }
