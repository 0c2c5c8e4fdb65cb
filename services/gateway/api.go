package gateway

import (
	"context"
	_ "embed"
	"fmt"
	"net/http"

	"github.com/grpc-ecosystem/grpc-gateway/v2/runtime"
	"google.golang.org/grpc"
	"google.golang.org/grpc/metadata"

	vigilv1 "github.com/vigil-org/vigil/proto/vigil/v1"
)

//go:generate cp ../../proto/openapi/vigil.swagger.json openapi/vigil.swagger.json

// openAPIDocument is proto/openapi/vigil.swagger.json, copied by go
// generate; a test keeps the copy equal to the source.
//
//go:embed openapi/vigil.swagger.json
var openAPIDocument []byte

// apiPrefix is where the JSON API is mounted. Below it, each RPC is
// POST /api/vigil.v1.<Service>/<Method> with the request message as
// JSON.
const apiPrefix = "/api"

// handlerRegistrations lists the grpc-gateway registration of every
// service in proto/vigil/v1. A service that the internal server does not
// run answers UNIMPLEMENTED (HTTP 501).
func handlerRegistrations() []func(context.Context, *runtime.ServeMux, *grpc.ClientConn) error {
	return []func(context.Context, *runtime.ServeMux, *grpc.ClientConn) error{
		vigilv1.RegisterDenialsServiceHandler,
		vigilv1.RegisterProcurementServiceHandler,
		vigilv1.RegisterBrokeringServiceHandler,
		vigilv1.RegisterViewsServiceHandler,
		vigilv1.RegisterTrendsServiceHandler,
		vigilv1.RegisterScreeningServiceHandler,
		vigilv1.RegisterAlertsServiceHandler,
	}
}

// newAPI returns the JSON API handler (paths below apiPrefix) calling
// conn. Each call carries the request's principal as auth's metadata;
// no HTTP header is forwarded to the services.
func newAPI(ctx context.Context, conn *grpc.ClientConn, auth internalAuth, maxBody int64) (http.Handler, error) {
	mux := runtime.NewServeMux(
		runtime.WithIncomingHeaderMatcher(func(string) (string, bool) { return "", false }),
		runtime.WithOutgoingHeaderMatcher(func(string) (string, bool) { return "", false }),
		runtime.WithMetadata(func(ctx context.Context, r *http.Request) metadata.MD {
			s, ok := sessionFrom(r.Context())
			if !ok {
				return nil // the internal server refuses the call
			}
			return auth.metadataFor(s.Principal)
		}),
	)
	for _, register := range handlerRegistrations() {
		if err := register(ctx, mux, conn); err != nil {
			return nil, fmt.Errorf("gateway: register API: %w", err)
		}
	}
	routes := http.NewServeMux()
	routes.HandleFunc("GET "+apiPrefix+"/openapi.json", serveOpenAPI)
	routes.Handle(apiPrefix+"/", http.StripPrefix(apiPrefix, limitBody(mux, maxBody)))
	return routes, nil
}

// serveOpenAPI serves the embedded OpenAPI document.
func serveOpenAPI(w http.ResponseWriter, _ *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-cache")
	_, _ = w.Write(openAPIDocument)
}

// limitBody caps request bodies at n bytes.
func limitBody(next http.Handler, n int64) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Body != nil {
			r.Body = http.MaxBytesReader(w, r.Body, n)
		}
		next.ServeHTTP(w, r)
	})
}
