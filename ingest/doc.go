// Package ingest takes departments' records into the hub: validated input is
// de-duplicated, upserted by department and sourceId (newer sourceVersion
// wins), and the follow-up linkage job is enqueued in the same transaction.
// The GraphQL batch mutations and `vethub import` both go through it, so
// both apply the same rules and report the same per-record outcomes.
package ingest
