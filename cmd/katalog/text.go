package main

import (
	"github.com/katalog-se/katalog/internal/i18n"
)

// lang is the language of the commands' text output: Swedish when the
// locale says so (LC_ALL, then LC_MESSAGES, then LANG: "sv_SE.UTF-8"),
// English otherwise. --json output and logs do not change.
func (a *app) lang() i18n.Lang {
	return i18n.FromEnv(func(k string) string {
		v, _ := a.lookup(k)
		return v
	})
}
