package resolvers

import (
	"github.com/vethub/vethub/auth"
	"github.com/vethub/vethub/graph/model"
)

// viewerFromPrincipal converts the request's principal.
func viewerFromPrincipal(p auth.Principal) *model.Viewer {
	v := &model.Viewer{Role: model.Role(p.Role), Regions: stringList(p.Regions)}
	if p.Department != "" {
		d := model.Department(p.Department)
		v.Department = &d
	}
	return v
}
