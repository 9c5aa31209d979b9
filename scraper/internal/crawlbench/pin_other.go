//go:build !linux

package main

import (
	"os/exec"
	"runtime"
)

// pinning is Linux-only; elsewhere every process shares every CPU.
type pinning struct{}

func newPinning() (*pinning, error)          { return nil, nil }
func (p *pinning) workCPUs() int             { return runtime.NumCPU() }
func (p *pinning) start(cmd *exec.Cmd) error { return cmd.Start() }
