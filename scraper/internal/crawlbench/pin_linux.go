package main

import (
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"strconv"

	"golang.org/x/sys/unix"
)

// pinning keeps the site's server off the CPUs the measured process runs
// on: the server gets the last CPU this process may use, the crawl and
// the extraction-only run get the others, one after the other. A remote
// site does its work on its own machine; on a small machine the local
// server would otherwise take its share of the cores from the crawl alone,
// and the ratio would measure the server along with the crawler.
type pinning struct {
	work, server unix.CPUSet
}

// newPinning splits the CPUs, or returns nil when there are fewer than two.
func newPinning() (*pinning, error) {
	var all unix.CPUSet
	if err := unix.SchedGetaffinity(0, &all); err != nil {
		return nil, fmt.Errorf("read CPU affinity: %w", err)
	}
	if all.Count() < 2 {
		return nil, nil
	}
	p := &pinning{}
	last := -1
	for i := range 1024 {
		if all.IsSet(i) {
			last = i
		}
	}
	for i := range last {
		if all.IsSet(i) {
			p.work.Set(i)
		}
	}
	p.server.Set(last)
	// Every thread of this process, and so every thread it starts later,
	// goes to the server's CPU.
	tasks, err := os.ReadDir("/proc/self/task")
	if err != nil {
		return nil, fmt.Errorf("list threads: %w", err)
	}
	for _, t := range tasks {
		tid, err := strconv.Atoi(t.Name())
		if err != nil {
			continue
		}
		if err := unix.SchedSetaffinity(tid, &p.server); err != nil {
			return nil, fmt.Errorf("pin thread %d: %w", tid, err)
		}
	}
	return p, nil
}

// workCPUs is the number of CPUs the measured processes run on.
func (p *pinning) workCPUs() int {
	if p == nil {
		return runtime.NumCPU()
	}
	return p.work.Count()
}

// start starts cmd on the work CPUs. A child inherits the affinity of the
// thread that forks it, so the fork happens on a thread pinned there for
// the moment.
func (p *pinning) start(cmd *exec.Cmd) error {
	if p == nil {
		return cmd.Start()
	}
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	if err := unix.SchedSetaffinity(0, &p.work); err != nil {
		return fmt.Errorf("pin: %w", err)
	}
	err := cmd.Start()
	if rerr := unix.SchedSetaffinity(0, &p.server); rerr != nil && err == nil {
		err = fmt.Errorf("unpin: %w", rerr)
	}
	return err
}
