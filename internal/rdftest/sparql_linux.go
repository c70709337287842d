package rdftest

import "syscall"

// serverProcAttr puts the server in a process group of its own, so that
// Close ends all of it, and has it killed with the test binary should that
// die before Close (a test timeout's panic).
func serverProcAttr() *syscall.SysProcAttr {
	return &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGKILL}
}
