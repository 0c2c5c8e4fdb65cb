package bench

import (
	"context"
	"fmt"
	"os"
	"sync"
	"time"

	"google.golang.org/protobuf/encoding/protojson"
	"google.golang.org/protobuf/types/known/timestamppb"

	vigilv1 "github.com/vigil-org/vigil/proto/vigil/v1"
	"github.com/vigil-org/vigil/services/vigil/platform"
)

// alertToView measures, at a fixed arrival rate (open loop), the time from
// sending RaiseAlert as JPN until an addressed member (KOR) can read the
// alert from its view: the command's durable append, the projection and
// the query, end to end over gRPC.
func alertToView(ctx context.Context, p *platform.Platform, dir string, cfg Config) (Sample, error) {
	rate, d := cfg.AlertRate, cfg.Duration
	alert, err := loadAlert(cfg.AlertFile)
	if err != nil {
		return Sample{}, err
	}
	jpn, closeJ, err := dialAs(dir, p.Addr(), "JPN", 16)
	if err != nil {
		return Sample{}, err
	}
	defer closeJ()
	kor, closeK, err := dialAs(dir, p.Addr(), "KOR", 16)
	if err != nil {
		return Sample{}, err
	}
	defer closeK()
	s := Sample{Name: fmt.Sprintf("alert raised -> in KOR's view, open loop %d/s", rate), Clients: rate}
	var mu sync.Mutex
	var wg sync.WaitGroup
	tick := time.NewTicker(time.Second / time.Duration(rate))
	defer tick.Stop()
	start, cpu0 := time.Now(), processCPU()
	for i := 0; time.Since(start) < d; i++ {
		<-tick.C
		wg.Go(func() {
			lat, err := raiseAndSee(ctx, vigilv1.NewBrokeringServiceClient(jpn[i%len(jpn)]), vigilv1.NewViewsServiceClient(kor[i%len(kor)]), alert, i)
			mu.Lock()
			defer mu.Unlock()
			if err != nil {
				s.Errors++
				return
			}
			s.latencies = append(s.latencies, lat)
		})
	}
	wg.Wait()
	s.Elapsed, s.Ops, s.CPU = time.Since(start), len(s.latencies), processCPU()-cpu0
	return s, nil
}

func raiseAndSee(ctx context.Context, b vigilv1.BrokeringServiceClient, v vigilv1.ViewsServiceClient, a *vigilv1.BrokeringAlert, i int) (time.Duration, error) {
	t0 := time.Now()
	res, err := b.RaiseAlert(ctx, &vigilv1.RaiseAlertRequest{RequestId: fmt.Sprintf("bench-alert-%d", i), Alert: a})
	if err != nil {
		return 0, err
	}
	_, err = v.GetItem(ctx, &vigilv1.GetItemRequest{Id: res.GetResult().GetId(), MinPosition: res.GetResult().GetPosition()})
	return time.Since(t0), err
}

func loadAlert(file string) (*vigilv1.BrokeringAlert, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	a := &vigilv1.BrokeringAlert{}
	if err := protojson.Unmarshal(data, a); err != nil {
		return nil, err
	}
	a.ResponseDeadline = timestamppb.New(time.Now().Add(72 * time.Hour))
	return a, nil
}
