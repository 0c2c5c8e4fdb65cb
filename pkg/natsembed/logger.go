package natsembed

import (
	"fmt"
	"log/slog"
	"sync/atomic"
)

// slogAdapter forwards nats-server's printf-style logging to slog. The
// server reports some start-up failures (such as a port in use) only via
// Fatalf and expects the process to exit; the adapter records the first
// such message instead so that Start can return it as an error.
type slogAdapter struct {
	l     *slog.Logger
	fatal *atomic.Pointer[string]
}

func (a slogAdapter) Noticef(format string, v ...any) { a.l.Info(fmt.Sprintf(format, v...)) }
func (a slogAdapter) Warnf(format string, v ...any)   { a.l.Warn(fmt.Sprintf(format, v...)) }
func (a slogAdapter) Errorf(format string, v ...any)  { a.l.Error(fmt.Sprintf(format, v...)) }
func (a slogAdapter) Debugf(format string, v ...any)  { a.l.Debug(fmt.Sprintf(format, v...)) }
func (a slogAdapter) Tracef(format string, v ...any)  { a.l.Debug(fmt.Sprintf(format, v...)) }

func (a slogAdapter) Fatalf(format string, v ...any) {
	msg := fmt.Sprintf(format, v...)
	a.l.Error(msg, "fatal", true)
	a.fatal.CompareAndSwap(nil, &msg)
}
