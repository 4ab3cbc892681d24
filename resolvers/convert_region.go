package resolvers

import (
	"strings"

	"github.com/vethub/vethub/db"
	"github.com/vethub/vethub/graph/model"
)

// regionFromRow converts a regions row; nil stays nil (unknown code).
func regionFromRow(r *db.Region) *model.Region {
	if r == nil {
		return nil
	}
	out := &model.Region{Code: r.Code, Name: r.Name, Level: model.RegionLevel(strings.ToUpper(r.Level))}
	if r.ParentCode != nil {
		out.ParentCode = *r.ParentCode
	}
	return out
}

// maxRegionDepth bounds a walk up the region tree (village → province is 4).
const maxRegionDepth = 8
