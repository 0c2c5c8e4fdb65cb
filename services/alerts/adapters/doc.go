// Package adapters turns the event log into the alert stream's terms: a
// State that folds item events into immutable snapshots (one Change per
// event, in log order), the rendering of a Change as the protobuf
// StreamItem an audience may see, and the NATS distributor's subjects.
package adapters
