package identity

import (
	"context"
	"strings"

	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/credentials"
	"google.golang.org/grpc/peer"
	"google.golang.org/grpc/status"
)

// Option configures the interceptors.
type Option func(*options)

type options struct {
	public []string
	roster *Roster
}

// DefaultPublicMethods returns the methods that need no principal by
// default: the gRPC health service and server reflection. Their
// connections still passed mutual TLS in the handshake.
func DefaultPublicMethods() []string {
	return []string{"/grpc.health.v1.Health/", "/grpc.reflection."}
}

// WithPublicMethods replaces [DefaultPublicMethods]: the listed methods are
// served without a principal. An entry ending in "/" or "." matches every
// full method name it prefixes; any other entry matches one full method
// name ("/pkg.Service/Method") exactly. With no entries every method
// requires a principal. A valid principal is still put in the context of
// a public method when there is one.
func WithPublicMethods(methods ...string) Option {
	return func(o *options) { o.public = append([]string(nil), methods...) }
}

// WithRoster admits only principals in r: any other certificate, even
// one the CA signed, is refused with codes.Unauthenticated.
func WithRoster(r *Roster) Option {
	return func(o *options) { o.roster = r }
}

func newOptions(opts []Option) options {
	o := options{public: DefaultPublicMethods()}
	for _, opt := range opts {
		opt(&o)
	}
	return o
}

// isPublic reports whether method needs no principal.
func (o options) isPublic(method string) bool {
	for _, m := range o.public {
		if matchesMethod(m, method) {
			return true
		}
	}
	return false
}

// matchesMethod reports whether the public-list entry m covers method:
// an entry ending in "/" or "." is a prefix, any other is exact.
func matchesMethod(m, method string) bool {
	if strings.HasSuffix(m, "/") || strings.HasSuffix(m, ".") {
		return strings.HasPrefix(method, m)
	}
	return m == method
}

// admits reports whether p may call: always without a roster, else only
// if p is on it.
func (o options) admits(p Principal) bool {
	if o.roster == nil {
		return true
	}
	_, ok := o.roster.Lookup(p.ID)
	return ok
}

// authenticate returns ctx with the caller's principal, or a status
// error with codes.Unauthenticated. Public methods get ctx unchanged
// when there is no valid principal.
func (o options) authenticate(ctx context.Context, method string) (context.Context, error) {
	p, err := o.principal(ctx)
	switch {
	case err == nil:
		return NewContext(ctx, p), nil
	case o.isPublic(method):
		return ctx, nil
	default:
		return nil, err
	}
}

// principal derives the caller's principal from the verified peer
// certificate. Error messages do not echo certificate contents.
func (o options) principal(ctx context.Context) (Principal, error) {
	pr, ok := peer.FromContext(ctx)
	if !ok {
		return Principal{}, status.Error(codes.Unauthenticated, "client certificate required")
	}
	info, ok := pr.AuthInfo.(credentials.TLSInfo)
	if !ok || len(info.State.VerifiedChains) == 0 || len(info.State.VerifiedChains[0]) == 0 {
		return Principal{}, status.Error(codes.Unauthenticated, "client certificate required")
	}
	p, err := PrincipalFromCertificate(info.State.VerifiedChains[0][0])
	if err != nil {
		return Principal{}, status.Error(codes.Unauthenticated, "client certificate does not name a valid principal")
	}
	if !o.admits(p) {
		return Principal{}, status.Error(codes.Unauthenticated, "client certificate names a principal not on the roster")
	}
	return p, nil
}

// UnaryServerInterceptor authenticates every unary call from the
// verified client certificate of its connection and puts the
// [Principal] in the handler's context ([FromContext]). A call without a
// valid principal fails with codes.Unauthenticated and never reaches the
// handler, unless its method is public (see [WithPublicMethods]).
func UnaryServerInterceptor(opts ...Option) grpc.UnaryServerInterceptor {
	o := newOptions(opts)
	return func(ctx context.Context, req any, info *grpc.UnaryServerInfo, handler grpc.UnaryHandler) (any, error) {
		ctx, err := o.authenticate(ctx, info.FullMethod)
		if err != nil {
			return nil, err
		}
		return handler(ctx, req)
	}
}

// StreamServerInterceptor is [UnaryServerInterceptor] for streaming
// calls: the stream's Context carries the [Principal].
func StreamServerInterceptor(opts ...Option) grpc.StreamServerInterceptor {
	o := newOptions(opts)
	return func(srv any, ss grpc.ServerStream, info *grpc.StreamServerInfo, handler grpc.StreamHandler) error {
		ctx, err := o.authenticate(ss.Context(), info.FullMethod)
		if err != nil {
			return err
		}
		return handler(srv, &authenticatedStream{ServerStream: ss, ctx: ctx})
	}
}

// authenticatedStream is a server stream whose context carries the
// principal.
type authenticatedStream struct {
	grpc.ServerStream
	ctx context.Context
}

// Context returns the stream's context with the principal.
func (s *authenticatedStream) Context() context.Context { return s.ctx }
