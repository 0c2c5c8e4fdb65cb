module github.com/vigil-org/vigil/services/vigilctl

go 1.26.7

require (
	github.com/vigil-org/vigil/pkg v0.0.0
	github.com/vigil-org/vigil/proto v0.0.0
	google.golang.org/grpc v1.85.0
	google.golang.org/protobuf v1.36.12
)

require (
	github.com/grpc-ecosystem/grpc-gateway/v2 v2.33.0 // indirect
	golang.org/x/net v0.61.0 // indirect
	golang.org/x/sys v0.49.0 // indirect
	golang.org/x/text v0.44.0 // indirect
	google.golang.org/genproto/googleapis/api v0.0.0-20261026165753-2ffab32bce7e // indirect
	google.golang.org/genproto/googleapis/rpc v0.0.0-20261019180522-ce908d29299b // indirect
)

replace github.com/vigil-org/vigil/pkg => ../../pkg

replace github.com/vigil-org/vigil/proto => ../../proto
