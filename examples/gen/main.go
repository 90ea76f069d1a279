package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/rampart-sec/rampart/snapshot"
)

func main() {
	dir := flag.String("dir", "examples", "directory to write aws-org.json and aws-org.expected.json into")
	flag.Parse()
	snap, expected, err := Render(Build())
	if err == nil {
		err = os.WriteFile(filepath.Join(*dir, "aws-org.json"), snap, 0o644)
	}
	if err == nil {
		err = os.WriteFile(filepath.Join(*dir, "aws-org.expected.json"), expected, 0o644)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

// Render encodes the world's snapshot and expectations as committed.
func Render(w *World) (snap, expected []byte, err error) {
	var b bytes.Buffer
	if err = snapshot.Encode(&b, w.Snap); err != nil {
		return nil, nil, err
	}
	exp, err := json.MarshalIndent(w.Expect, "", "  ")
	if err != nil {
		return nil, nil, err
	}
	return b.Bytes(), append(exp, '\n'), nil
}
