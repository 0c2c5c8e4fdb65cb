package identity

import (
	"context"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
)

// principalKey is the context key of the authenticated Principal.
type principalKey struct{}

// NewContext returns a copy of ctx carrying p. The interceptors use it;
// tests of handlers may too.
func NewContext(ctx context.Context, p Principal) context.Context {
	return context.WithValue(ctx, principalKey{}, p)
}

// FromContext returns the principal the interceptors authenticated, and
// whether there is one. Methods on the interceptors' public list may
// have none.
func FromContext(ctx context.Context) (Principal, bool) {
	p, ok := ctx.Value(principalKey{}).(Principal)
	return p, ok
}

// MustFromContext returns the authenticated principal and panics if
// there is none: use it only in handlers of methods that are not on the
// interceptors' public list, where a missing principal is a wiring bug.
func MustFromContext(ctx context.Context) Principal {
	p, ok := FromContext(ctx)
	if !ok {
		panic("identity: no principal in context; is the identity interceptor installed?")
	}
	return p
}

// RequireSelf returns the authenticated principal if its ID is id: a
// principal can act only as itself. It returns a status error with
// codes.Unauthenticated if there is no principal, and
// codes.PermissionDenied if the principal is someone else.
func RequireSelf(ctx context.Context, id string) (Principal, error) {
	p, ok := FromContext(ctx)
	if !ok {
		return Principal{}, status.Error(codes.Unauthenticated, "client certificate required")
	}
	if p.ID != id {
		return Principal{}, status.Errorf(codes.PermissionDenied, "%s may not act as %q", p.ID, id)
	}
	return p, nil
}
