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
	accounts := flag.Int("accounts", 0, "grow the organization to this many accounts (for measurements; expectations are not scaled)")
	flag.Parse()
	w := Build()
	if *accounts > 0 {
		if err := Scale(w, *accounts); err != nil {
			fmt.Fprintln(os.Stderr, "gen:", err)
			os.Exit(2)
		}
	}
	snap, expected, err := Render(w)
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
