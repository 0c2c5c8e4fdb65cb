// Package domain holds the rules of the alert streams, without I/O or
// protobuf: what the stream knows of an item after each event (Item,
// Event), who may receive an event (releasability from the events
// themselves, then need-to-know), which subscriber filters it matches
// (Filter), how party names are compared (NameKey), and the cursor that
// resumes a stream (Cursor).
package domain
