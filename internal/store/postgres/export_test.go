package postgres

// NewSchema is newSchema for the external tests.
var NewSchema = newSchema
