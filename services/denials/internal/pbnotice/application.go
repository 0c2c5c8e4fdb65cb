package pbnotice

import (
	"github.com/vigil-org/vigil/pkg/pbconv"
	vigilv1 "github.com/vigil-org/vigil/proto/vigil/v1"
	"github.com/vigil-org/vigil/services/denials/domain"
)

// Application converts a protobuf licence application (nil gives the zero
// application, which fails validation).
func Application(a *vigilv1.LicenceApplication) domain.Application {
	return domain.Application{
		Reference:       a.GetReference(),
		ControlEntries:  pbconv.Entries(a.GetControlEntries()),
		Destination:     a.GetDestinationCountry(),
		Parties:         pbconv.Parties(a.GetParties()),
		ItemDescription: a.GetItemDescription(),
	}
}

// ApplicationPB converts a domain licence application.
func ApplicationPB(a domain.Application) *vigilv1.LicenceApplication {
	return &vigilv1.LicenceApplication{
		Reference:          a.Reference,
		ControlEntries:     pbconv.EntriesPB(a.ControlEntries),
		DestinationCountry: a.Destination,
		Parties:            pbconv.PartiesPB(a.Parties),
		ItemDescription:    a.ItemDescription,
	}
}
