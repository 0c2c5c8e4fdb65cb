package platform_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/credentials"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/encoding/protojson"

	"github.com/vigil-org/vigil/pkg/identity"
	vigilv1 "github.com/vigil-org/vigil/proto/vigil/v1"
)

// member is a gRPC client authenticated as one member.
type member struct {
	id          string
	conn        *grpc.ClientConn
	denials     vigilv1.DenialsServiceClient
	views       vigilv1.ViewsServiceClient
	procurement vigilv1.ProcurementServiceClient
	brokering   vigilv1.BrokeringServiceClient
	screening   vigilv1.ScreeningServiceClient
}

func dialAs(t *testing.T, dataDir, addr, id string) *member {
	t.Helper()
	ca, cert, key := identity.ClientFilesFor(dataDir, id)
	cfg, err := identity.ClientTLS(ca, cert, key, "127.0.0.1")
	if err != nil {
		t.Fatalf("client TLS for %s: %v", id, err)
	}
	conn, err := grpc.NewClient(addr, grpc.WithTransportCredentials(credentials.NewTLS(cfg)))
	if err != nil {
		t.Fatalf("dial as %s: %v", id, err)
	}
	t.Cleanup(func() { _ = conn.Close() })
	return &member{id: id, conn: conn, denials: vigilv1.NewDenialsServiceClient(conn), views: vigilv1.NewViewsServiceClient(conn),
		procurement: vigilv1.NewProcurementServiceClient(conn), brokering: vigilv1.NewBrokeringServiceClient(conn),
		screening: vigilv1.NewScreeningServiceClient(conn)}
}

// exampleNotice loads examples/denial.json: FRA, releasable to DEU and JPN.
func exampleNotice(t *testing.T) *vigilv1.DenialNotice {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "..", "..", "examples", "denial.json"))
	if err != nil {
		t.Fatal(err)
	}
	n := &vigilv1.DenialNotice{}
	if err := protojson.Unmarshal(data, n); err != nil {
		t.Fatalf("examples/denial.json: %v", err)
	}
	return n
}

func wantCode(t *testing.T, err error, code codes.Code) {
	t.Helper()
	if status.Code(err) != code {
		t.Fatalf("got %v, want code %v", err, code)
	}
}

func ctxT(t *testing.T) context.Context {
	t.Helper()
	ctx, cancel := context.WithTimeout(t.Context(), 30*time.Second)
	t.Cleanup(cancel)
	return ctx
}

func inboxIDs(t *testing.T, m *member, minPos uint64) []string {
	t.Helper()
	res, err := m.views.ListInbox(ctxT(t), &vigilv1.ListInboxRequest{MinPosition: minPos})
	if err != nil {
		t.Fatalf("%s inbox: %v", m.id, err)
	}
	var ids []string
	for _, n := range res.GetItems() {
		ids = append(ids, n.GetId())
	}
	return ids
}
