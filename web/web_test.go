package web

import (
	"compress/gzip"
	"io"
	"net/http/httptest"
	"strings"
	"testing"
)

func TestIDEPageReferencesEveryAsset(t *testing.T) {
	t.Parallel()
	rec := httptest.NewRecorder()
	IDE("vethub", "/graphql").ServeHTTP(rec, httptest.NewRequest("GET", "/", nil))
	body := rec.Body.String()
	for _, a := range []string{"graphiql.min.js", "graphiql.min.css", "react.production.min.js", "react-dom.production.min.js"} {
		if !strings.Contains(body, assetPrefix+a) {
			t.Errorf("page does not load %s", a)
		}
		for _, gz := range []bool{true, false} {
			req := httptest.NewRequest("GET", assetPrefix+a, nil)
			if gz {
				req.Header.Set("Accept-Encoding", "gzip, br")
			}
			rec := httptest.NewRecorder()
			Assets().ServeHTTP(rec, req)
			var r io.Reader = rec.Body
			if gz {
				if rec.Header().Get("Content-Encoding") != "gzip" {
					t.Fatalf("%s: not served gzipped", a)
				}
				zr, err := gzip.NewReader(rec.Body)
				if err != nil {
					t.Fatal(err)
				}
				r = zr
			}
			b, _ := io.ReadAll(r)
			if rec.Code != 200 || len(b) < 1000 {
				t.Errorf("%s (gzip %v): status %d, %d bytes", a, gz, rec.Code, len(b))
			}
		}
	}
	if !strings.Contains(body, `"\/graphql"`) && !strings.Contains(body, `"/graphql"`) {
		t.Errorf("endpoint missing from page:\n%s", body)
	}
}

func TestUnknownAssetIs404(t *testing.T) {
	t.Parallel()
	rec := httptest.NewRecorder()
	Assets().ServeHTTP(rec, httptest.NewRequest("GET", assetPrefix+"../web.go", nil))
	if rec.Code != 404 {
		t.Errorf("status %d, want 404", rec.Code)
	}
}
