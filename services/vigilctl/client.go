package main

import (
	"context"
	"fmt"
	"io"
	"strings"

	"google.golang.org/grpc"
	"google.golang.org/protobuf/encoding/protojson"
	"google.golang.org/protobuf/proto"

	vigilv1 "github.com/vigil-org/vigil/proto/vigil/v1"
)

// client runs commands over one connection.
type client struct {
	conn   *grpc.ClientConn
	out    io.Writer
	format string
}

func (c *client) denials() vigilv1.DenialsServiceClient {
	return vigilv1.NewDenialsServiceClient(c.conn)
}
func (c *client) procurement() vigilv1.ProcurementServiceClient {
	return vigilv1.NewProcurementServiceClient(c.conn)
}
func (c *client) brokering() vigilv1.BrokeringServiceClient {
	return vigilv1.NewBrokeringServiceClient(c.conn)
}
func (c *client) views() vigilv1.ViewsServiceClient { return vigilv1.NewViewsServiceClient(c.conn) }

// show prints one item; kind, when set, must match.
func (c *client) show(ctx context.Context, args []string, kind vigilv1.ItemKind) error {
	f := newFlags("show")
	pos, err := f.parse(args, 1)
	if err != nil {
		return err
	}
	res, err := c.views().GetItem(ctx, &vigilv1.GetItemRequest{Id: pos[0], MinPosition: f.minPosition})
	if err != nil {
		return err
	}
	if kind != vigilv1.ItemKind_ITEM_KIND_UNSPECIFIED && res.GetSummary().GetKind() != kind {
		return fmt.Errorf("%s is a %s, not a %s", pos[0], kindName(res.GetSummary().GetKind()), kindName(kind))
	}
	if c.format == "json" {
		return c.printJSON(res)
	}
	return printDetail(c.out, res)
}

// list prints own items and/or the inbox, filtered.
func (c *client) list(ctx context.Context, args []string, kind vigilv1.ItemKind) error {
	f := newFlags("list")
	if _, err := f.parse(args, 0); err != nil {
		return err
	}
	flt, err := f.filter(kind)
	if err != nil {
		return err
	}
	var rows []*vigilv1.ItemSummary
	if !f.inbox && kind != vigilv1.ItemKind_ITEM_KIND_UNSPECIFIED {
		own, err := c.listOwn(ctx, flt, f.minPosition)
		if err != nil {
			return err
		}
		rows = append(rows, own...)
	}
	if !f.own {
		in, err := c.listInbox(ctx, flt, f.minPosition)
		if err != nil {
			return err
		}
		rows = append(rows, in...)
	}
	if c.format == "json" {
		return printJSONList(c, rows)
	}
	return printTable(c.out, rows)
}

func (c *client) listInbox(ctx context.Context, flt *vigilv1.ItemFilter, minPos uint64) ([]*vigilv1.ItemSummary, error) {
	var out []*vigilv1.ItemSummary
	token := ""
	for {
		res, err := c.views().ListInbox(ctx, &vigilv1.ListInboxRequest{MinPosition: minPos, Filter: flt, PageToken: token, PageSize: 500})
		if err != nil {
			return nil, err
		}
		out = append(out, res.GetItems()...)
		if token = res.GetNextPageToken(); token == "" {
			return out, nil
		}
	}
}

func (c *client) listOwn(ctx context.Context, flt *vigilv1.ItemFilter, minPos uint64) ([]*vigilv1.ItemSummary, error) {
	var out []*vigilv1.ItemSummary
	token := ""
	for {
		res, err := c.views().ListOwnItems(ctx, &vigilv1.ListOwnItemsRequest{MinPosition: minPos, Filter: flt, PageToken: token, PageSize: 500})
		if err != nil {
			return nil, err
		}
		for _, n := range res.GetItems() {
			out = append(out, n.GetSummary())
		}
		if token = res.GetNextPageToken(); token == "" {
			return out, nil
		}
	}
}

func kindName(k vigilv1.ItemKind) string {
	return enumName(k, "ITEM_KIND_")
}

var jsonOpts = protojson.MarshalOptions{Multiline: true, Indent: "  "}

func (c *client) printJSON(m proto.Message) error {
	b, err := jsonOpts.Marshal(m)
	if err != nil {
		return err
	}
	_, err = fmt.Fprintln(c.out, string(b))
	return err
}

// printJSONList prints messages as one JSON array.
func printJSONList[M proto.Message](c *client, rows []M) error {
	parts := make([]string, 0, len(rows))
	for _, r := range rows {
		b, err := jsonOpts.Marshal(r)
		if err != nil {
			return err
		}
		parts = append(parts, "  "+strings.ReplaceAll(string(b), "\n", "\n  "))
	}
	if len(parts) == 0 {
		_, err := fmt.Fprintln(c.out, "[]")
		return err
	}
	_, err := fmt.Fprintf(c.out, "[\n%s\n]\n", strings.Join(parts, ",\n"))
	return err
}

func (c *client) printResult(r *vigilv1.CommandResult, err error) error {
	if err != nil {
		return err
	}
	if c.format == "json" {
		return c.printJSON(r)
	}
	dup := ""
	if r.GetDuplicate() {
		dup = " (duplicate request: nothing new written)"
	}
	_, err = fmt.Fprintf(c.out, "id %s version %d position %d%s\n", r.GetId(), r.GetVersion(), r.GetPosition(), dup)
	return err
}
