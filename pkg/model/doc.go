// Package model holds the domain types shared by the three kinds of
// information (denial notifications, procurement-attempt reports and
// brokering alerts): parties, control entries, releasability and handling
// markings, with the validation every command runs before an event exists.
//
// The package knows nothing of protobuf or storage. Validation errors are
// *FieldError values naming the offending field with its path
// ("notice.parties[1].name"), so the ports can return a precise
// InvalidArgument.
package model
