package reports

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/rampart-sec/rampart/results"
)

func init() {
	Register("pdf", func(o Options) Reporter { return &PDF{Options: o} })
}

// PDF writes the HTML audit report printed by a headless Chromium, with
// the findings blocks open as paper cannot unfold them. Without a browser
// it fails with ErrNoChromium before writing anything.
type PDF struct {
	Options Options
	// Browser is the Chromium to use; empty means FindChromium.
	Browser string
}

// Check finds the browser, so a command can refuse --format pdf before
// it collects anything.
func (p *PDF) Check() error {
	if p.Browser != "" {
		return nil
	}
	b, err := FindChromium()
	p.Browser = b
	return err
}

// Write implements Reporter.
func (p *PDF) Write(w io.Writer, r *results.Report) error {
	if err := p.Check(); err != nil {
		return err
	}
	var page bytes.Buffer
	if err := (&HTML{Options: p.Options, Print: true}).Write(&page, r); err != nil {
		return err
	}
	pdf, err := PrintPDF(context.Background(), Headless{Binary: p.Browser}, page.Bytes())
	if err != nil {
		return err
	}
	_, err = w.Write(pdf)
	return err
}

// PrintPDF prints an HTML page to PDF with the browser's own print
// engine (the page's print CSS applies), without the browser's date and
// URL header and footer.
func PrintPDF(ctx context.Context, h Headless, page []byte) ([]byte, error) {
	var pdf []byte
	_, err := h.Run(ctx, page, []string{"--no-pdf-header-footer", "--print-to-pdf={dir}/report.pdf"}, func(dir string) error {
		b, err := os.ReadFile(filepath.Join(dir, "report.pdf"))
		if err != nil {
			return fmt.Errorf("printed no PDF: %w", err)
		}
		if !bytes.HasPrefix(b, []byte("%PDF-")) {
			return fmt.Errorf("printed something that is not a PDF (%d bytes)", len(b))
		}
		pdf = b
		return nil
	})
	return pdf, err
}
