package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"html"
	"image/png"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/rampart-sec/rampart/reports"
	"github.com/rampart-sec/rampart/results"
)

// chromium returns the browser the real-browser tests use. Under CI=true
// a missing browser fails the test (scripts/test.sh installs Debian's
// chromium); elsewhere the test is skipped, loudly.
func chromium(t *testing.T) string {
	t.Helper()
	b, err := reports.FindChromium()
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("CI=true and no browser: %v", err)
		}
		t.Skipf("SKIPPED — NO BROWSER: the HTML report is not checked in a real browser: %v", err)
	}
	return b
}

// examples are the bundled example snapshots, each with the config it is
// evaluated with (AWS now; Azure and GCP are picked up when they land).
func examples(t *testing.T) []string {
	files, err := filepath.Glob("../../examples/*.json")
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, f := range files {
		if !strings.HasSuffix(f, ".expected.json") {
			out = append(out, f)
		}
	}
	if len(out) == 0 {
		t.Fatal("no example snapshot")
	}
	return out
}

// browserHome reports whether host is one Chromium calls on its own
// (updates, sign-in, safe browsing), which it does at varying moments of a
// run: an empty page's baseline may miss one a later page's run shows. The
// report contains no URL at all (checked above) and the sealed run reaches
// nothing, so these hosts say nothing about the report.
func browserHome(host string) bool {
	h, _, _ := strings.Cut(host, ":")
	for _, d := range []string{"google.com", "googleapis.com", "gstatic.com", "gvt1.com", "googleusercontent.com", "chromium.org"} {
		if h == d || strings.HasSuffix(h, "."+d) {
			return true
		}
	}
	return false
}

// proxyRecorder is an HTTP proxy that answers nothing and records the
// hosts asked for: the browser is pointed at it, so any request is seen.
type proxyRecorder struct {
	addr  string
	mu    sync.Mutex
	hosts map[string]int
}

func newProxyRecorder(t *testing.T) *proxyRecorder {
	p := &proxyRecorder{hosts: map[string]int{}}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p.mu.Lock()
		p.hosts[r.Host]++
		p.mu.Unlock()
		w.WriteHeader(http.StatusForbidden)
	})}
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
	p.addr = ln.Addr().String()
	return p
}

// take returns the hosts recorded since the last call.
func (p *proxyRecorder) take() map[string]int {
	p.mu.Lock()
	defer p.mu.Unlock()
	h := p.hosts
	p.hosts = map[string]int{}
	return h
}

// The example's report, opened in a real Chromium: it renders every
// section with the counts the results hold, requests nothing, prints to
// several pages, and its screenshot is not blank.
func TestHTMLReportInChromium(t *testing.T) {
	browser := chromium(t)
	for _, ex := range examples(t) {
		t.Run(filepath.Base(ex), func(t *testing.T) {
			dir := t.TempDir()
			page, jsonOut := filepath.Join(dir, "report.html"), filepath.Join(dir, "results.json")
			cfg := []string{}
			if _, err := os.Stat("../../examples/rampart.yaml"); err == nil {
				cfg = []string{"--config", "../../examples/rampart.yaml"}
			}
			for _, f := range []struct{ format, out string }{{"html", page}, {"json", jsonOut}} {
				if code, _, errs := rampart(t, append([]string{"eval", ex, "-f", f.format, "-o", f.out}, cfg...)...); code != exitOK {
					t.Fatalf("eval -f %s: exit %d: %s", f.format, code, errs)
				}
			}
			raw, err := os.ReadFile(page)
			if err != nil {
				t.Fatal(err)
			}
			for _, m := range regexp.MustCompile(`(?i)(src|href)\s*=\s*"([^"]*)"`).FindAllStringSubmatch(string(raw), -1) {
				if strings.HasPrefix(m[2], "http://") || strings.HasPrefix(m[2], "https://") || !strings.HasPrefix(m[2], "#") {
					t.Errorf("%s=%q: the page must only link to itself", m[1], m[2])
				}
			}
			var rep results.Report
			data, _ := os.ReadFile(jsonOut)
			if err := json.Unmarshal(data, &rep); err != nil {
				t.Fatal(err)
			}

			// As rampart runs it, the browser resolves no name: even a
			// page asking for an image and the browser's own calls home
			// reach nothing, not even a proxy.
			proxy := newProxyRecorder(t)
			ctx := context.Background()
			sealed := reports.Headless{Binary: browser, Extra: []string{"--proxy-server=http://" + proxy.addr}}
			if _, err := sealed.Run(ctx, []byte(`<!DOCTYPE html><img src="http://rampart-probe.invalid/x.png">`), []string{"--dump-dom"}, nil); err != nil {
				t.Fatal(err)
			}
			if got := proxy.take(); len(got) != 0 {
				t.Errorf("the browser as rampart runs it made requests: %v", got)
			}
			// To watch the page, the sinkhole is lifted (the last
			// --host-resolver-rules wins) and every request goes to the
			// recording proxy. The browser calls home on its own (updates,
			// sign-in) whatever the page: an empty page gives that
			// baseline, and the report may add no host to it.
			h := reports.Headless{Binary: browser, Extra: []string{"--proxy-server=http://" + proxy.addr, "--proxy-bypass-list=<-loopback>", "--host-resolver-rules=MAP nothing.invalid ~NOTFOUND"}}
			if _, err := h.Run(ctx, []byte("<!DOCTYPE html><title>blank</title>"), []string{"--dump-dom"}, nil); err != nil {
				t.Fatal(err)
			}
			baseline := proxy.take()
			// The recorder sees what a page asks for, or this test could
			// not fail.
			if _, err := h.Run(ctx, []byte(`<!DOCTYPE html><img src="http://rampart-probe.invalid/x.png">`), []string{"--dump-dom"}, nil); err != nil {
				t.Fatal(err)
			}
			if probe := proxy.take(); probe["rampart-probe.invalid"] == 0 {
				t.Fatalf("the proxy did not see a page's request: %v", probe)
			}
			dom, err := h.Run(ctx, raw, []string{"--dump-dom"}, nil)
			if err != nil {
				t.Fatal(err)
			}
			for host := range proxy.take() {
				if _, ok := baseline[host]; !ok && !browserHome(host) {
					t.Errorf("the report made a request to %s (the browser alone contacts only %v)", host, baseline)
				}
			}
			text := html.UnescapeString(regexp.MustCompile(`<[^>]*>`).ReplaceAllString(string(dom), " "))
			text = strings.Join(strings.Fields(text), " ")
			fails, errs := rep.Summary.ByStatus[results.Fail], rep.Summary.ByStatus[results.Error]
			want := []string{"1. Executive summary", "2. Escalation", "3. Compliance", "4. Trend", "5. Findings", "6. Evidence",
				fmt.Sprintf("%d finding%s (FAIL)", fails, map[bool]string{true: "", false: "s"}[fails == 1]),
				rep.Snapshot.Digest, "Act on these first", "CISO + Cloud team", "MITRE ATT&CK techniques"}
			if errs == 0 {
				want = append(want, "every check was decided")
			}
			for _, sev := range results.Severities {
				m := rep.Summary.BySeverity[sev]
				want = append(want, fmt.Sprintf("%s %d %d %d %d", strings.ToUpper(sev.String()), m[results.Fail], m[results.Error], m[results.Waived], m[results.Pass]))
			}
			for _, sc := range rep.Snapshot.Scopes {
				want = append(want, sc.Account)
			}
			for _, w := range want {
				if !strings.Contains(text, w) {
					t.Errorf("the rendered page lacks %q", w)
				}
			}

			var shot []byte
			if _, err := h.Run(ctx, raw, []string{"--hide-scrollbars", "--window-size=1280,2400", "--screenshot={dir}/shot.png"}, func(d string) error {
				shot, err = os.ReadFile(filepath.Join(d, "shot.png"))
				return err
			}); err != nil {
				t.Fatal(err)
			}
			img, err := png.Decode(bytes.NewReader(shot))
			if err != nil {
				t.Fatalf("screenshot: %v", err)
			}
			colours := map[[4]uint32]bool{}
			for y := 0; y < img.Bounds().Dy(); y += 7 {
				for x := 0; x < img.Bounds().Dx(); x += 7 {
					r, g, b, a := img.At(x, y).RGBA()
					colours[[4]uint32{r, g, b, a}] = true
				}
			}
			if len(colours) < 20 {
				t.Errorf("the screenshot looks blank: %d colours", len(colours))
			}
			if d := os.Getenv("RAMPART_SCREENSHOT_DIR"); d != "" {
				os.WriteFile(filepath.Join(d, strings.TrimSuffix(filepath.Base(ex), ".json")+".png"), shot, 0o644)
			}

			pdf, err := reports.PrintPDF(ctx, h, raw)
			if err != nil {
				t.Fatal(err)
			}
			if n := pdfPages(pdf); n < 2 {
				t.Errorf("the PDF has %d page(s), want more than one", n)
			}
			for host := range proxy.take() {
				if _, ok := baseline[host]; !ok && !browserHome(host) {
					t.Errorf("printing the report made a request to %s", host)
				}
			}
		})
	}
}

// pdfPages counts the page objects of a PDF (/Type /Page, not /Pages).
func pdfPages(pdf []byte) int {
	return len(regexp.MustCompile(`/Type\s*/Page[^s\w]`).FindAll(pdf, -1))
}

// --format pdf without a browser: a message saying how to get one, exit
// 2, and the previous output untouched.
func TestPDFWithoutBrowser(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	t.Setenv(reports.EnvChromium, "")
	out := filepath.Join(t.TempDir(), "report.pdf")
	if err := os.WriteFile(out, []byte("previous"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, errs := rampart(t, "eval", example, "-f", "pdf", "-o", out)
	if code != exitError || !strings.Contains(errs, "apt-get install chromium") || !strings.Contains(errs, reports.EnvChromium) {
		t.Errorf("exit %d, stderr %q", code, errs)
	}
	if b, _ := os.ReadFile(out); string(b) != "previous" {
		t.Errorf("the previous output was overwritten: %q", b)
	}
	t.Setenv(reports.EnvChromium, filepath.Join(t.TempDir(), "no-such-browser"))
	if code, _, errs := rampart(t, "eval", example, "-f", "pdf", "-o", out); code != exitError || !strings.Contains(errs, "not an executable") {
		t.Errorf("bad $%s: exit %d, stderr %q", reports.EnvChromium, code, errs)
	}
}

// --format pdf with a browser: a PDF of several pages, replacing the
// output only once complete.
func TestPDFReport(t *testing.T) {
	chromium(t)
	out := filepath.Join(t.TempDir(), "report.pdf")
	if code, _, errs := rampart(t, "eval", example, "--config", "../../examples/rampart.yaml", "-f", "pdf", "-o", out); code != exitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	f, err := os.Open(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	b, _ := io.ReadAll(f)
	if !bytes.HasPrefix(b, []byte("%PDF-")) || pdfPages(b) < 2 {
		t.Errorf("not a multi-page PDF: %d bytes, %d pages", len(b), pdfPages(b))
	}
}
