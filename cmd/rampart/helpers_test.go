package main

import (
	"strconv"

	"github.com/rampart-sec/rampart/snapshot"
)

func digestOf(data []byte) string { return snapshot.Digest(data) }

func itoa(n int) string { return strconv.Itoa(n) }
