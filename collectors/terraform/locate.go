package terraform

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
)

// Locator finds the resource block of a Terraform address in the sources
// of a configuration: `resource "TYPE" "NAME"` in the root directory's .tf
// files, and for a resource in a module, in the directory of the module
// call's local source ("./modules/x"). Modules from a registry or a Git
// URL have no local source: their resources point at the module block.
type Locator struct {
	root string
	dirs map[string]*dirIndex
}

type dirIndex struct {
	resources map[string]place // TYPE.NAME
	modules   map[string]moduleBlock
}

type place struct {
	file string
	line int
}

type moduleBlock struct {
	place
	source string
}

var (
	resourceRE = regexp.MustCompile(`^\s*resource\s+"([^"]+)"\s+"([^"]+)"`)
	moduleRE   = regexp.MustCompile(`^\s*module\s+"([^"]+)"`)
	sourceRE   = regexp.MustCompile(`^\s*source\s*=\s*"([^"]+)"`)
)

// NewLocator indexes the .tf files of dir (not its subdirectories: those
// are read when a module call points at them).
func NewLocator(dir string) (*Locator, error) {
	st, err := os.Stat(dir)
	if err != nil {
		return nil, err
	}
	if !st.IsDir() {
		return nil, fmt.Errorf("%s is not a directory", dir)
	}
	l := &Locator{root: filepath.Clean(dir), dirs: map[string]*dirIndex{}}
	if _, err := l.index(l.root); err != nil {
		return nil, err
	}
	return l, nil
}

func (l *Locator) index(dir string) (*dirIndex, error) {
	if d, ok := l.dirs[dir]; ok {
		return d, nil
	}
	d := &dirIndex{resources: map[string]place{}, modules: map[string]moduleBlock{}}
	l.dirs[dir] = d
	files, err := filepath.Glob(filepath.Join(dir, "*.tf"))
	if err != nil {
		return nil, err
	}
	sort.Strings(files)
	for _, f := range files {
		if err := d.scan(f); err != nil {
			return nil, err
		}
	}
	return d, nil
}

// scan records the resource and module blocks of one file. It reads
// lines, not HCL: a block header on one line is how `terraform fmt`
// writes it.
func (d *dirIndex) scan(file string) error {
	fh, err := os.Open(file)
	if err != nil {
		return err
	}
	defer fh.Close()
	sc := bufio.NewScanner(fh)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	slash := filepath.ToSlash(file)
	var inModule string
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if m := resourceRE.FindStringSubmatch(line); m != nil {
			key := m[1] + "." + m[2]
			if _, dup := d.resources[key]; !dup {
				d.resources[key] = place{slash, n}
			}
			inModule = ""
			continue
		}
		if m := moduleRE.FindStringSubmatch(line); m != nil {
			inModule = m[1]
			d.modules[inModule] = moduleBlock{place: place{slash, n}}
			continue
		}
		if inModule != "" {
			if m := sourceRE.FindStringSubmatch(line); m != nil {
				mb := d.modules[inModule]
				mb.source = m[1]
				d.modules[inModule] = mb
				inModule = ""
			}
		}
	}
	return sc.Err()
}

// Locate returns the file (slash-separated, as dir was given) and line of
// the block that declares the resource at a Terraform address.
func (l *Locator) Locate(address string) (string, int, bool) {
	mods, typ, name, ok := splitAddress(address)
	if !ok {
		return "", 0, false
	}
	dir := l.root
	d, err := l.index(dir)
	if err != nil {
		return "", 0, false
	}
	for _, m := range mods {
		mb, ok := d.modules[m]
		if !ok {
			return "", 0, false
		}
		if !strings.HasPrefix(mb.source, "./") && !strings.HasPrefix(mb.source, "../") {
			return mb.file, mb.line, true
		}
		dir = filepath.Join(dir, mb.source)
		if d, err = l.index(dir); err != nil {
			return mb.file, mb.line, true
		}
	}
	p, ok := d.resources[typ+"."+name]
	return p.file, p.line, ok
}

// splitAddress parses module.a["k"].module.b.TYPE.NAME[0] into its module
// call names, resource type and name.
func splitAddress(addr string) (mods []string, typ, name string, ok bool) {
	rest := addr
	for strings.HasPrefix(rest, "module.") {
		rest = rest[len("module."):]
		end := strings.IndexAny(rest, ".[")
		if end < 0 {
			return nil, "", "", false
		}
		mods = append(mods, rest[:end])
		rest = rest[end:]
		if rest[0] == '[' {
			rest = rest[skipIndex(rest):]
		}
		rest = strings.TrimPrefix(rest, ".")
	}
	if strings.HasPrefix(rest, "data.") {
		return nil, "", "", false
	}
	typ, rest, ok = strings.Cut(rest, ".")
	if !ok {
		return nil, "", "", false
	}
	if i := strings.IndexByte(rest, '['); i >= 0 {
		rest = rest[:i]
	}
	return mods, typ, rest, rest != "" && strings.Contains(typ, "_")
}
