package platform_test

import (
	"context"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"syscall"
	"testing"
	"time"

	healthpb "google.golang.org/grpc/health/grpc_health_v1"

	vigilv1 "github.com/vigil-org/vigil/proto/vigil/v1"
)

// process is a vigil server running as a child process.
type process struct {
	cmd  *exec.Cmd
	dir  string
	addr string
}

func buildVigil(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "vigil")
	out, err := exec.Command("go", "build", "-o", bin, "github.com/vigil-org/vigil/services/vigil").CombinedOutput()
	if err != nil {
		t.Fatalf("go build vigil: %v\n%s", err, out)
	}
	return bin
}

func freeAddr(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().String()
}

func spawn(t *testing.T, bin, dir, addr string, args ...string) *process {
	t.Helper()
	cmd := exec.Command(bin, append([]string{"serve", "--data-dir", dir, "--listen", addr}, args...)...)
	logf, err := os.OpenFile(filepath.Join(dir, "..", "vigil.log"), os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o600)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { logf.Close() })
	cmd.Stdout, cmd.Stderr = logf, logf
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	p := &process{cmd: cmd, dir: dir, addr: addr}
	t.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })
	p.waitHealthy(t)
	return p
}

func (p *process) waitHealthy(t *testing.T) {
	t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) {
		if _, err := os.Stat(filepath.Join(p.dir, "pki", "FRA.pem")); err == nil {
			m := dialAs(t, p.dir, p.addr, "FRA")
			ctx, cancel := context.WithTimeout(t.Context(), time.Second)
			res, err := healthpb.NewHealthClient(m.conn).Check(ctx, &healthpb.HealthCheckRequest{})
			cancel()
			if err == nil && res.GetStatus() == healthpb.HealthCheckResponse_SERVING {
				return
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("vigil at %s not healthy in time", p.addr)
}

// acked is what the server acknowledged before the crash.
type acked struct {
	mu      sync.Mutex
	notices map[string]uint64 // id -> position
	acks    map[string]string // id -> member who acknowledged
}

// TestCrashRecovery kills the server with SIGKILL while members write,
// restarts it, and checks that every acknowledged notice and
// acknowledgement survived and that the views equal a rebuild.
func TestCrashRecovery(t *testing.T) {
	if testing.Short() {
		t.Skip("spawns processes")
	}
	bin, dir, addr := buildVigil(t), filepath.Join(t.TempDir(), "data"), freeAddr(t)
	p := spawn(t, bin, dir, addr)
	got := &acked{notices: map[string]uint64{}, acks: map[string]string{}}
	ctx, stop := context.WithCancel(t.Context())
	var wg sync.WaitGroup
	for w := range 8 {
		wg.Go(func() { writeUntilError(ctx, t, p, w, got) })
	}
	waitFor(t, func() bool {
		got.mu.Lock()
		defer got.mu.Unlock()
		return len(got.notices) >= 40 && len(got.acks) >= 10
	})
	if err := p.cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	_ = p.cmd.Wait()
	stop()
	wg.Wait()
	t.Logf("acknowledged before the kill: %d notices, %d acknowledgements", len(got.notices), len(got.acks))

	p = spawn(t, bin, dir, addr)
	checkSurvived(t, p, got)
	if err := p.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	if err := p.cmd.Wait(); err != nil {
		t.Fatalf("graceful stop: %v", err)
	}
	live := dumpFile(t, filepath.Join(dir, "views", "views.db"))
	out, err := exec.Command(bin, "rebuild-views", "--data-dir", dir).CombinedOutput()
	if err != nil {
		t.Fatalf("rebuild-views: %v\n%s", err, out)
	}
	if rebuilt := dumpFile(t, filepath.Join(dir, "views", "views.db")); string(live) != string(rebuilt) {
		t.Fatal("views after crash and restart differ from a rebuild from the log")
	}
}

// writeUntilError has worker w notify as FRA (releasable to DEU and JPN)
// and acknowledge as DEU, recording what the server acknowledged.
func writeUntilError(ctx context.Context, t *testing.T, p *process, w int, got *acked) {
	fra, deu := dialAs(t, p.dir, p.addr, "FRA"), dialAs(t, p.dir, p.addr, "DEU")
	for i := 0; ctx.Err() == nil; i++ {
		n := exampleNotice(t)
		n.Reference = fmt.Sprintf("FR-CRASH-%d-%d", w, i)
		res, err := fra.denials.NotifyDenial(ctx, &vigilv1.NotifyDenialRequest{RequestId: fmt.Sprintf("crash-%d-%d", w, i), Notice: n})
		if err != nil {
			return
		}
		id := res.GetResult().GetId()
		got.mu.Lock()
		got.notices[id] = res.GetResult().GetPosition()
		got.mu.Unlock()
		if i%2 == 1 {
			continue
		}
		if _, err := deu.denials.AcknowledgeDenial(ctx, &vigilv1.AcknowledgeDenialRequest{DenialId: id}); err != nil {
			return
		}
		got.mu.Lock()
		got.acks[id] = "DEU"
		got.mu.Unlock()
	}
}

func checkSurvived(t *testing.T, p *process, got *acked) {
	t.Helper()
	fra := dialAs(t, p.dir, p.addr, "FRA")
	var maxPos uint64
	for _, pos := range got.notices {
		maxPos = max(maxPos, pos)
	}
	for id := range got.notices {
		d, err := fra.views.GetItem(ctxT(t), &vigilv1.GetItemRequest{Id: id, MinPosition: maxPos})
		if err != nil {
			t.Fatalf("acknowledged notice %s lost: %v", id, err)
		}
		if _, want := got.acks[id]; want && !ackedBy(d, "DEU") {
			t.Errorf("acknowledgement of %s by DEU lost", id)
		}
	}
}

func ackedBy(d *vigilv1.GetItemResponse, member string) bool {
	for _, r := range d.GetRecipients() {
		if r.GetMember() == member {
			return r.GetAcknowledged()
		}
	}
	return false
}

func waitFor(t *testing.T, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatal("condition not reached in time")
		}
		time.Sleep(10 * time.Millisecond)
	}
}
