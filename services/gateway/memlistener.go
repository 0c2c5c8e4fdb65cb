package gateway

import (
	"context"
	"net"
	"sync"
)

// memListener is a net.Listener with no network address: its connections
// are the server ends of net.Pipe pairs whose client ends DialContext
// returns. Only code holding the listener can connect, which is what
// makes the gateway's principal metadata trustworthy.
type memListener struct {
	conns chan net.Conn
	done  chan struct{}
	once  sync.Once
}

// newMemListener returns an open in-memory listener.
func newMemListener() *memListener {
	return &memListener{conns: make(chan net.Conn), done: make(chan struct{})}
}

// Accept waits for the next DialContext; net.ErrClosed after Close.
func (l *memListener) Accept() (net.Conn, error) {
	select {
	case c := <-l.conns:
		return c, nil
	case <-l.done:
		return nil, net.ErrClosed
	}
}

// Close stops Accept and DialContext. Safe to call twice.
func (l *memListener) Close() error {
	l.once.Do(func() { close(l.done) })
	return nil
}

// Addr names the listener; it is not a dialable network address.
func (l *memListener) Addr() net.Addr { return memAddr{} }

// DialContext connects to the listener, waiting until Accept takes the
// connection, ctx ends or the listener closes.
func (l *memListener) DialContext(ctx context.Context, _ string) (net.Conn, error) {
	server, client := net.Pipe()
	select {
	case l.conns <- server:
		return client, nil
	case <-l.done:
		_, _ = server.Close(), client.Close()
		return nil, net.ErrClosed
	case <-ctx.Done():
		_, _ = server.Close(), client.Close()
		return nil, ctx.Err()
	}
}

// memAddr is the address of a memListener.
type memAddr struct{}

// Network returns "memory".
func (memAddr) Network() string { return "memory" }

// String returns "gateway-internal".
func (memAddr) String() string { return "gateway-internal" }
