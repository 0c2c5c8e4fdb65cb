package alerts_test

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/nats-io/nats.go"
	"google.golang.org/genproto/googleapis/rpc/errdetails"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	vigilv1 "github.com/vigil-org/vigil/proto/vigil/v1"
	"github.com/vigil-org/vigil/services/alerts"
	"github.com/vigil-org/vigil/services/alerts/adapters"
	te "github.com/vigil-org/vigil/services/alerts/internal/testevents"
)

// numbered appends n alerts "<prefix><i>" released to every member, with
// a summary of pad bytes, and returns their ids.
func numbered(e *env, prefix string, n, pad int) []string {
	ids := make([]string, 0, n)
	for i := range n {
		id := fmt.Sprintf("%s%d", prefix, i)
		e.append(te.Alert(id, "FRA", te.All(), &vigilv1.BrokeringAlert{Reference: id, DestinationCountry: "PAK",
			Summary: strings.Repeat("x", pad), Urgency: vigilv1.Urgency_URGENCY_ROUTINE}))
		ids = append(ids, id)
	}
	return ids
}

func ids(items []*vigilv1.StreamItem) []string {
	out := make([]string, 0, len(items))
	for _, it := range items {
		out = append(out, it.GetItem().GetId())
	}
	return out
}

// checkExactlyOnce checks that got is want in order: no gap, no repeat.
func checkExactlyOnce(t *testing.T, got []*vigilv1.StreamItem, want []string) {
	t.Helper()
	if g := strings.Join(ids(got), ","); g != strings.Join(want, ",") {
		t.Fatalf("received %s\nwant     %s", g, strings.Join(want, ","))
	}
	checkCursors(t, "resumed", got)
}

// TestResumeGivesNoGapAndNoDuplicate disconnects a subscriber midway and
// resumes from its last cursor, with the hub's backlog covering the gap
// and with a backlog too small, which makes the subscription replay the
// log from the start.
func TestResumeGivesNoGapAndNoDuplicate(t *testing.T) {
	for _, backlog := range []int{0, 3} {
		t.Run(fmt.Sprintf("backlog=%d", backlog), func(t *testing.T) {
			e := newEnv(t, func(c *alerts.Config) { c.Backlog = backlog })
			want := numbered(e, "a", 30, 10)
			first := e.subscribe("KOR-customs", &vigilv1.SubscribeRequest{FromStart: true})
			got := first.take(12)
			first.cancel()
			want = append(want, numbered(e, "b", 20, 10)...)
			resumed := e.subscribe("KOR-customs", &vigilv1.SubscribeRequest{Cursor: got[len(got)-1].GetCursor()})
			got = append(got, resumed.take(38)...)
			want = append(want, numbered(e, "c", 5, 10)...)
			got = append(got, resumed.take(5)...)
			checkExactlyOnce(t, got, want)
			resumed.quiet(200 * time.Millisecond)
		})
	}
}

// TestResumeAfterRestart restarts NATS, the store and the service: a
// subscriber that resumes from its last cursor gets everything it was
// owed, and the distributor publishes what was appended while it was
// down, nothing twice.
func TestResumeAfterRestart(t *testing.T) {
	e := newEnv(t, nil)
	want := numbered(e, "a", 10, 10)
	s := e.subscribe("KOR", &vigilv1.SubscribeRequest{FromStart: true})
	got := s.take(10)
	waitFor(t, "distributor position recorded", func() bool {
		return e.svc.Distributor().Saved() >= got[9].GetPosition()
	})
	e.restartAll()
	if err := s.end(); status.Code(err) != codes.Unavailable && status.Code(err) != codes.Canceled {
		t.Logf("old stream ended with %v", err)
	}
	ns := e.natsSub("KOR-customs", "vigil.agencies.KOR.customs.>")
	want = append(want, numbered(e, "b", 10, 10)...)
	resumed := e.subscribe("KOR", &vigilv1.SubscribeRequest{Cursor: got[9].GetCursor()})
	checkExactlyOnce(t, append(got, resumed.take(10)...), want)
	natsGot := ns.until("b9")
	checkExactlyOnce(t, natsGot, want[10:])
}

// TestDistributorRestartLosesNothing stops the service while events are
// appended and starts a new one: NATS subscribers get every event, each
// once, in order.
func TestDistributorRestartLosesNothing(t *testing.T) {
	e := newEnv(t, nil)
	ns := e.natsSub("DEU-licensing", "vigil.agencies.DEU.licensing.>")
	want := numbered(e, "a", 15, 10)
	got := ns.until("a14")
	e.restartService()
	want = append(want, numbered(e, "b", 15, 10)...)
	e.restartService()
	want = append(want, numbered(e, "c", 5, 10)...)
	got = append(got, ns.until("c4")...)
	checkExactlyOnce(t, got, want)
	select {
	case m := <-ns.msgs:
		t.Errorf("extra message %s position %s", m.Subject, m.Header.Get(adapters.HeaderPosition))
	case <-time.After(200 * time.Millisecond):
	}
}

// TestSlowSubscriberIsCutOff lets one subscriber stop reading: the stream
// ends with RESOURCE_EXHAUSTED and the cursor of the last item delivered,
// another subscriber receives everything meanwhile, and the slow one
// resumes from that cursor without loss.
func TestSlowSubscriberIsCutOff(t *testing.T) {
	e := newEnv(t, func(c *alerts.Config) { c.Buffer = 128 })
	gate := make(chan struct{})
	small := []grpc.DialOption{grpc.WithInitialWindowSize(64 << 10), grpc.WithInitialConnWindowSize(64 << 10)}
	slow := e.subscribeOn(e.conn("KOR", small...), &vigilv1.SubscribeRequest{}, gate)
	fast := e.subscribe("DEU", &vigilv1.SubscribeRequest{})
	waitFor(t, "subscriptions", func() bool { return e.svc.Hub().Subscribers() == 2 })
	const n = 600
	want := numbered(e, "a", n, 1000)
	checkExactlyOnce(t, fast.take(n), want)
	close(gate)
	var got []*vigilv1.StreamItem
	var err error
	for err == nil {
		select {
		case it := <-slow.items:
			got = append(got, it)
		case err = <-slow.done:
		case <-time.After(wait):
			t.Fatal("slow stream neither delivered nor ended")
		}
	}
	for len(slow.items) > 0 {
		got = append(got, <-slow.items)
	}
	st, _ := status.FromError(err)
	if st.Code() != codes.ResourceExhausted || len(got) == 0 || len(got) >= n {
		t.Fatalf("slow stream: %d items then %v", len(got), err)
	}
	m := regexp.MustCompile(`cursor "([^"]+)"`).FindStringSubmatch(st.Message())
	if m == nil || m[1] != got[len(got)-1].GetCursor() {
		t.Fatalf("message %q does not hold the last cursor %s", st.Message(), got[len(got)-1].GetCursor())
	}
	if d := st.Details(); len(d) != 1 {
		t.Errorf("details %v, want one ErrorInfo", d)
	} else if info, ok := d[0].(*errdetails.ErrorInfo); !ok || info.GetMetadata()["cursor"] != m[1] {
		t.Errorf("details %v lack the cursor", d)
	}
	resumed := e.subscribe("KOR", &vigilv1.SubscribeRequest{Cursor: m[1]})
	checkExactlyOnce(t, append(got, resumed.take(n-len(got))...), want)
}

// TestNATSAgencyPermissions connects with agency certificates: each may
// subscribe only to its own role's subjects of its own member.
func TestNATSAgencyPermissions(t *testing.T) {
	e := newEnv(t, nil)
	errs := make(chan error, 16)
	nc, err := e.natsAs("KOR-customs", errs)
	if err != nil {
		t.Fatal(err)
	}
	own, err := nc.SubscribeSync("vigil.agencies.KOR.customs.>")
	if err != nil {
		t.Fatal(err)
	}
	for _, subject := range []string{"vigil.agencies.KOR.licensing.>", "vigil.agencies.DEU.customs.>", "vigil.members.KOR.>",
		"vigil.agencies.>", "vigil.events.>", "_INBOX.>", "$JS.API.>", ">"} {
		if _, err := nc.SubscribeSync(subject); err != nil {
			t.Fatal(err)
		}
		select {
		case err := <-errs:
			if !errors.Is(err, nats.ErrPermissionViolation) || !strings.Contains(err.Error(), strconv.Quote(subject)[1:len(subject)+1]) {
				t.Errorf("subscribe %s: %v", subject, err)
			}
		case <-time.After(wait):
			t.Fatalf("subscribe %s: no permissions violation", subject)
		}
	}
	if err := nc.Publish("vigil.events.denial.x", []byte("forged")); err != nil {
		t.Fatal(err)
	}
	if err := <-errs; !errors.Is(err, nats.ErrPermissionViolation) {
		t.Errorf("publish: %v, want a permissions violation", err)
	}
	e.append(te.Alert("a1", "FRA", te.To("KOR"), alertA1()))
	msg, err := own.NextMsg(wait)
	if err != nil || msg.Subject != "vigil.agencies.KOR.customs.alert.AlertRaised" {
		t.Fatalf("own subject: %v %v", msg, err)
	}
	if _, err := e.natsAs("KOR-statistics", nil); err == nil {
		t.Error("an agency without a need-to-know entry was admitted")
	}
}

// TestSubscribeRejectsBadRequests checks the status of invalid requests.
func TestSubscribeRejectsBadRequests(t *testing.T) {
	e := newEnv(t, nil)
	pos := e.append(te.Alert("a1", "FRA", te.All(), alertA1()))
	past := e.subscribe("KOR", &vigilv1.SubscribeRequest{FromStart: true}).next().GetCursor()
	_ = pos
	tests := []struct {
		id   string
		req  *vigilv1.SubscribeRequest
		code codes.Code
		msg  []string
	}{
		{"KOR", &vigilv1.SubscribeRequest{Filter: &vigilv1.StreamFilter{ControlCodes: []string{"9.Q"}, Countries: []string{"XXX"},
			Kinds: []vigilv1.ItemKind{9}, RedFlags: []vigilv1.RedFlag{0}, MinUrgency: 7, WatchNames: []string{"LLC"}}},
			codes.InvalidArgument, []string{"filter.control_codes[0]", "filter.countries[0]", "filter.kinds[0]", "filter.red_flags[0]",
				"filter.min_urgency", "filter.watch_names[0]"}},
		{"KOR-enforcement", &vigilv1.SubscribeRequest{Filter: &vigilv1.StreamFilter{Kinds: []vigilv1.ItemKind{vigilv1.ItemKind_ITEM_KIND_DENIAL}}},
			codes.PermissionDenied, []string{"filter.kinds[0]"}},
		{"KOR-statistics", &vigilv1.SubscribeRequest{}, codes.PermissionDenied, []string{"need-to-know"}},
		{"KOR", &vigilv1.SubscribeRequest{Cursor: "nonsense"}, codes.InvalidArgument, []string{"cursor"}},
		{"KOR", &vigilv1.SubscribeRequest{Cursor: past, FromStart: true}, codes.InvalidArgument, []string{"cursor"}},
		{"KOR", &vigilv1.SubscribeRequest{Cursor: "djE6OTk5OTk"}, codes.InvalidArgument, []string{"past the end"}},
	}
	for _, tt := range tests {
		err := e.subscribe(tt.id, tt.req).end()
		st, _ := status.FromError(err)
		if st.Code() != tt.code {
			t.Errorf("%s %v: %v, want %v", tt.id, tt.req, err, tt.code)
		}
		for _, m := range tt.msg {
			if !strings.Contains(st.Message(), m) {
				t.Errorf("%s %v: message %q lacks %q", tt.id, tt.req, st.Message(), m)
			}
		}
	}
}
