package server

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// The browser test: every page of a populated site in Debian's chromium,
// driven over the DevTools protocol, at 1366 and 390 pixels wide. Each
// page is checked by axe-core against WCAG 2.1 A and AA (tags wcag2a,
// wcag2aa, wcag21a, wcag21aa: no violation allowed) and must not scroll
// sideways; a screenshot of each goes to $ARTIFACTS (or a temporary
// folder).
//
// It needs chromium (or chromium-browser, google-chrome) and axe-core:
// KATALOG_AXE_JS names axe.min.js, else npm installs axe-core@4.14.1 into a
// temporary folder. Without them the test skips, unless
// BROWSER_TEST_REQUIRED=1 (CI), which makes their absence a failure.

// axeVersion is the axe-core the test installs when KATALOG_AXE_JS is unset.
const axeVersion = "4.14.1"

// browserWidths are the window widths every page is checked at.
var browserWidths = []int{1366, 390}

func TestBrowserPagesAreAccessible(t *testing.T) {
	if testing.Short() {
		t.Skip("the browser test is not short")
	}
	chrome := findChrome()
	if chrome == "" {
		skipOrFail(t, "no chromium (apt-get install chromium)")
	}
	axe := axeSource(t)
	artifacts := os.Getenv("ARTIFACTS")
	if artifacts == "" {
		artifacts = t.TempDir()
	}
	if err := os.MkdirAll(artifacts, 0o755); err != nil {
		t.Fatal(err)
	}
	s := newWebSite(t, 24)
	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(chrome), chromedp.NoSandbox,
		chromedp.Flag("disable-dev-shm-usage", true), chromedp.Flag("hide-scrollbars", true))
	actx, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancel()
	bctx, cancel := chromedp.NewContext(actx)
	defer cancel()
	if err := chromedp.Do(bctx); err != nil { // starts the browser, on the context without a timeout
		skipOrFail(t, "chromium does not start: "+err.Error())
	}
	ctx, cancel := context.WithTimeout(bctx, 10*time.Minute)
	defer cancel()
	// The harness itself: axe finds a violation where there is one.
	if err := chromedp.Do(ctx, chromedp.Navigate(s.f.srv.URL+"/finns/inte")); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.querySelector("main").insertAdjacentHTML("beforeend", '<img src="x.png">'); true`)); err != nil {
		t.Fatal(err)
	}
	if v, err := runAxe(ctx, axe); err != nil || len(v) == 0 || !strings.Contains(strings.Join(v, " "), "image-alt") {
		t.Fatalf("axe does not see an image without alt text: %v %v", v, err)
	}
	for _, p := range s.pages {
		for _, w := range browserWidths {
			if err := checkPage(ctx, s, p, w, axe, artifacts); err != nil {
				t.Errorf("%s at %d px: %v", p.Name, w, err)
			}
		}
	}
}

// checkPage loads p (filling in its form, if it has one) at width w, and
// checks it: no sideways scrolling, no axe violation; it saves a screenshot.
func checkPage(ctx context.Context, s *webSite, p sitePage, w int, axe, artifacts string) error {
	base := s.f.srv.URL
	steps := []chromedp.Action[chromedp.Void]{chromedp.EmulateViewport(int64(w), 900)}
	if p.Form != nil {
		steps = append(steps, chromedp.Navigate(base+p.FormFrom), chromedp.WaitReady(chromedp.CSS("footer")))
		for name, vals := range p.Form {
			steps = append(steps, chromedp.SetValue(chromedp.CSS(fmt.Sprintf(`main [name=%q]`, name)), vals[0]))
		}
		steps = append(steps, chromedp.Submit(chromedp.CSS(`main form [name="`+firstKey(p.Form)+`"]`)))
		switch p.Name {
		case "steward":
			steps = append(steps, chromedp.WaitReady(chromedp.ID("steward")), chromedp.Navigate(base+p.Path))
		case "validate-result":
			steps = append(steps, chromedp.WaitReady(chromedp.ID("result")))
		}
	} else {
		steps = append(steps, chromedp.Navigate(base+p.Path))
	}
	steps = append(steps, chromedp.WaitReady(chromedp.CSS("footer")))
	if err := chromedp.Do(ctx, steps...); err != nil {
		return fmt.Errorf("load: %w", err)
	}
	url, err := chromedp.Run(ctx, chromedp.Location())
	if err != nil {
		return err
	}
	overflow, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.documentElement.scrollWidth > document.documentElement.clientWidth + 1`))
	if err != nil {
		return err
	}
	shot, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err == nil && len(shot) == 0 { // taller than the browser can draw at once: the first screen
		shot, err = chromedp.Run(ctx, chromedp.CaptureScreenshot())
	}
	if err != nil {
		return fmt.Errorf("screenshot: %w", err)
	}
	if err := os.WriteFile(filepath.Join(artifacts, fmt.Sprintf("%s-%d.png", p.Name, w)), shot, 0o644); err != nil {
		return err
	}
	if top, err := chromedp.Run(ctx, chromedp.CaptureScreenshot()); err == nil { // the first screen, as a visitor sees it
		if err := os.WriteFile(filepath.Join(artifacts, fmt.Sprintf("%s-%d-top.png", p.Name, w)), top, 0o644); err != nil {
			return err
		}
	}
	var problems []string
	if overflow {
		wide, _ := chromedp.Run(ctx, chromedp.Evaluate[string](widestElement))
		problems = append(problems, "the page scrolls sideways (widest: "+wide+")")
	}
	if p.Name == "steward" {
		if signedIn, _ := chromedp.Run(ctx, chromedp.Evaluate[bool](`!!document.getElementById("steward")`)); !signedIn {
			problems = append(problems, "not signed in at "+url)
		}
	}
	violations, err := runAxe(ctx, axe)
	if err != nil {
		return err
	}
	problems = append(problems, violations...)
	if len(problems) > 0 {
		return fmt.Errorf("%s\n  %s", url, strings.Join(problems, "\n  "))
	}
	return nil
}

// widestElement names the element that sticks out furthest to the right.
const widestElement = `(function(){var w=document.documentElement.clientWidth,best=null,r=0;document.querySelectorAll("body *").forEach(function(e){if(e.closest(".scroll"))return;var b=e.getBoundingClientRect();if(b.right>w+1&&b.right>r){r=b.right;best=e}});return best?best.tagName+"."+best.className+" "+Math.round(r)+"px":"?"})()`

func firstKey(v map[string][]string) string {
	for _, k := range []string{"feed", "token", "url"} {
		if _, ok := v[k]; ok {
			return k
		}
	}
	for k := range v {
		return k
	}
	return ""
}

// runAxe runs axe-core on the page for WCAG 2.1 A and AA and describes
// each violation with the nodes it found.
func runAxe(ctx context.Context, axe string) ([]string, error) {
	loaded, err := chromedp.Run(ctx, chromedp.Evaluate[bool](axe+";\ntypeof axe === 'object'"))
	if err != nil || !loaded {
		return nil, fmt.Errorf("axe-core did not load: %v", err)
	}
	script := `axe.run(document, {runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}, resultTypes: ["violations"]})
		.then(function(r){ return JSON.stringify(r.violations) })`
	raw, err := chromedp.Run(ctx, chromedp.Evaluate[string](script, chromedp.EvalAwaitPromise))
	if err != nil {
		return nil, fmt.Errorf("axe: %w", err)
	}
	var vs []struct {
		ID, Impact, Help string
		Nodes            []struct {
			Target         []any
			FailureSummary string
		}
	}
	if err := json.Unmarshal([]byte(raw), &vs); err != nil {
		return nil, fmt.Errorf("axe result: %w", err)
	}
	var out []string
	for _, v := range vs {
		for i, n := range v.Nodes {
			if i == 3 {
				out = append(out, fmt.Sprintf("  … and %d more", len(v.Nodes)-3))
				break
			}
			out = append(out, fmt.Sprintf("axe %s (%s): %s at %v: %s", v.ID, v.Impact, v.Help, n.Target, strings.ReplaceAll(n.FailureSummary, "\n", " ")))
		}
	}
	return out, nil
}

// findChrome is the path of a Chromium-based browser, or "".
func findChrome() string {
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// axeSource is axe-core's script: KATALOG_AXE_JS, or installed with npm
// into a temporary folder.
func axeSource(t *testing.T) string {
	path := os.Getenv("KATALOG_AXE_JS")
	if path == "" {
		npm, err := exec.LookPath("npm")
		if err != nil {
			skipOrFail(t, "no npm to install axe-core (or set KATALOG_AXE_JS)")
		}
		dir := t.TempDir()
		ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
		defer cancel()
		cmd := exec.CommandContext(ctx, npm, "install", "--prefix", dir, "--no-audit", "--no-fund", "--silent", "axe-core@"+axeVersion)
		if out, err := cmd.CombinedOutput(); err != nil {
			skipOrFail(t, fmt.Sprintf("npm install axe-core@%s: %v\n%s", axeVersion, err, out))
		}
		path = filepath.Join(dir, "node_modules", "axe-core", "axe.min.js")
	}
	b, err := os.ReadFile(path)
	if err != nil {
		skipOrFail(t, "axe-core: "+err.Error())
	}
	return string(b)
}

// skipOrFail skips the test, or fails it when BROWSER_TEST_REQUIRED=1.
func skipOrFail(t *testing.T, why string) {
	t.Helper()
	if os.Getenv("BROWSER_TEST_REQUIRED") == "1" {
		t.Fatal("browser test required: " + why)
	}
	t.Skip(why)
}
