// Package gateway serves Vigil to browsers and scripts over HTTPS: the
// JSON API generated from the protobuf definitions (grpc-gateway) under
// /api/, its OpenAPI document at /api/openapi.json, and the web
// interface (inbox, own items, item detail, consultations, trends
// dashboard) at /, from assets embedded in the binary.
//
// # Authentication
//
// The HTTPS listener uses TLS 1.3 with the development PKI's server
// certificate and asks for a client certificate
// ([tls.VerifyClientCertIfGiven]) that must chain to the PKI's CA. The
// caller's principal is derived from the verified certificate with
// [identity.PrincipalFromCertificate], exactly as the gRPC interceptors
// do. In development mode ([Config.Dev]) only, a clearly marked identity
// picker at /signin lets a browser without a certificate choose a roster
// ID; the choice is kept in an HttpOnly, Secure, SameSite=Strict cookie
// signed with HMAC-SHA256 under a key drawn at random for each process,
// and every page shows a red "DEVELOPMENT IDENTITY PICKER" banner while
// it is in use. A certificate always wins over the cookie. A request with
// neither gets 401 under /api/ and a redirect to /signin for pages.
// Unsafe cross-origin requests are refused ([http.CrossOriginProtection]),
// since browsers attach client certificates to cross-site requests too.
//
// # How the principal reaches the services
//
// The services run, unchanged, on an internal [grpc.Server] that the
// gateway owns (their Register functions come in [Config.Register]). That
// server listens only on an in-memory listener: connections are
// [net.Pipe] pairs handed out by the gateway itself, so nothing outside
// the process can connect to it. The grpc-gateway mux calls it through a
// client connection dialled over that listener. For every API request
// the gateway puts two metadata entries on the outgoing call
// ([runtime.WithMetadata]): the authenticated principal's ID and a secret
// drawn at random when the gateway is built. The internal server's
// interceptors accept a call only when the secret matches and exactly one
// principal ID is present, and then put the principal into the handler's
// context with [identity.NewContext]. The services therefore see the same
// [identity.Principal] as over gRPC with mutual TLS, and apply the same
// authorization. No HTTP header is forwarded as metadata (the incoming
// header matcher admits none), so a client cannot supply either entry;
// the secret is a second, independent barrier.
//
// # Web interface
//
// Pages are one HTML shell (rendered with the principal and the
// development banner) and small vanilla JavaScript modules that call the
// JSON API and draw charts as inline SVG; there is no framework, no build
// step and nothing from the internet. Every response carries a strict
// Content-Security-Policy (no inline script or style), nosniff, a
// no-referrer policy and HSTS. The interface shows only what the API
// returns for the caller, so it can never show an item the caller may not
// see.
//
// # Lifecycle
//
// [New] validates the configuration, builds the internal server and binds
// the HTTPS listener; [Gateway.Run] serves until its context is
// cancelled and then shuts down gracefully; [Gateway.Close] releases
// everything and is safe to call more than once.
package gateway
