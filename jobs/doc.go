// Package jobs runs the hub's durable follow-up work on a PostgreSQL-backed
// queue (river). Ingest enqueues a job in the same transaction as its write,
// so a stored record always has its follow-up work, and a crash loses
// nothing: the job is picked up when a worker runs again.
package jobs
