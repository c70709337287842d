//go:build unix && !linux

package rdftest

import "syscall"

// serverProcAttr puts the server in a process group of its own, so that
// Close ends all of it.
func serverProcAttr() *syscall.SysProcAttr {
	return &syscall.SysProcAttr{Setpgid: true}
}
