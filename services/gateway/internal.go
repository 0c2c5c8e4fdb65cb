package gateway

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"encoding/hex"
	"fmt"

	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/metadata"
	"google.golang.org/grpc/status"

	"github.com/vigil-org/vigil/pkg/identity"
)

// Metadata keys the gateway sets on calls to its internal gRPC server.
const (
	// mdPrincipal carries the authenticated principal's ID.
	mdPrincipal = "vigil-gateway-principal"
	// mdSecret carries the gateway's per-process secret.
	mdSecret = "vigil-gateway-secret"
)

// maxMessageBytes matches the public gRPC server's limit.
const maxMessageBytes = 4 << 20

// internalAuth authenticates calls on the internal gRPC server from the
// metadata the gateway itself sets (see the package documentation).
type internalAuth struct {
	secret string
}

// newInternalAuth draws a fresh 256-bit secret.
func newInternalAuth() (internalAuth, error) {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return internalAuth{}, fmt.Errorf("gateway secret: %w", err)
	}
	return internalAuth{secret: hex.EncodeToString(b)}, nil
}

// metadataFor returns the outgoing metadata naming p.
func (a internalAuth) metadataFor(p identity.Principal) metadata.MD {
	return metadata.Pairs(mdPrincipal, p.ID, mdSecret, a.secret)
}

// authenticate returns ctx with the principal named by the incoming
// metadata, or a codes.Unauthenticated status when the secret does not
// match or there is not exactly one valid principal ID.
func (a internalAuth) authenticate(ctx context.Context) (context.Context, error) {
	md, _ := metadata.FromIncomingContext(ctx)
	secrets, ids := md.Get(mdSecret), md.Get(mdPrincipal)
	if len(secrets) != 1 || subtle.ConstantTimeCompare([]byte(secrets[0]), []byte(a.secret)) != 1 || len(ids) != 1 {
		return nil, status.Error(codes.Unauthenticated, "not authenticated by the gateway")
	}
	p, err := identity.ParseID(ids[0])
	if err != nil {
		return nil, status.Error(codes.Unauthenticated, "not authenticated by the gateway")
	}
	return identity.NewContext(ctx, p), nil
}

// unary is the internal server's unary interceptor.
func (a internalAuth) unary(ctx context.Context, req any, _ *grpc.UnaryServerInfo, handler grpc.UnaryHandler) (any, error) {
	ctx, err := a.authenticate(ctx)
	if err != nil {
		return nil, err
	}
	return handler(ctx, req)
}

// stream is the internal server's stream interceptor.
func (a internalAuth) stream(srv any, ss grpc.ServerStream, _ *grpc.StreamServerInfo, handler grpc.StreamHandler) error {
	ctx, err := a.authenticate(ss.Context())
	if err != nil {
		return err
	}
	return handler(srv, &principalStream{ServerStream: ss, ctx: ctx})
}

// principalStream is a server stream whose context carries the principal.
type principalStream struct {
	grpc.ServerStream
	ctx context.Context
}

// Context returns the stream's context with the principal.
func (s *principalStream) Context() context.Context { return s.ctx }

// newInternalServer builds the internal gRPC server with every service
// of register on it.
func newInternalServer(auth internalAuth, register []func(grpc.ServiceRegistrar)) *grpc.Server {
	s := grpc.NewServer(
		grpc.UnaryInterceptor(auth.unary),
		grpc.StreamInterceptor(auth.stream),
		grpc.MaxRecvMsgSize(maxMessageBytes),
	)
	for _, r := range register {
		r(s)
	}
	return s
}

// dialInternal returns a client connection to the server behind l. The
// connection is plaintext because it never leaves the process.
func dialInternal(l *memListener) (*grpc.ClientConn, error) {
	conn, err := grpc.NewClient("passthrough:///gateway-internal",
		grpc.WithContextDialer(l.DialContext),
		grpc.WithTransportCredentials(insecure.NewCredentials()),
		grpc.WithDefaultCallOptions(grpc.MaxCallRecvMsgSize(maxMessageBytes)),
	)
	if err != nil {
		return nil, fmt.Errorf("gateway internal connection: %w", err)
	}
	return conn, nil
}
