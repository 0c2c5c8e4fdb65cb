// Package app is what the alerts service does: the Hub, one projection of
// item state shared by every gRPC subscription, which fans each item event
// out to the subscriptions entitled to it and lets a new subscription
// catch up from any cursor without gap or duplicate; and the Distributor,
// a projection that republishes every item event on per-member and
// per-agency-role NATS subjects.
package app
