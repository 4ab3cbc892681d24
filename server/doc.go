// Package server is vethub's HTTP front: the GraphQL endpoint (gqlgen,
// transports per the GraphQL-over-HTTP spec, websocket for subscriptions),
// bearer-token authentication, the GraphiQL IDE, health, readiness and
// Prometheus metrics, and the error presenter that gives every GraphQL
// error an extensions.code without leaking internals.
//
// Routes:
//
//	/graphql   POST (application/json), GET (queries only), OPTIONS, websocket
//	/          GraphiQL, when Config.IDE (also GET /graphql from a browser)
//	/healthz   200 "ok" while the process runs
//	/readyz    200 when the database answers and its schema is current, else 503
//	/metrics   Prometheus text format
package server
