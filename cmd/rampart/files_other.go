//go:build !unix

package main

import "os"

func umask() uint32 { return 0o022 }

// keepOwner has nothing to keep where files have no Unix owner.
func keepOwner(*os.File, os.FileInfo) {}
