// Package auth says who a request acts as: the Principal behind an API
// token (role, department, regions), how it travels in a context, what it
// may do, and how token secrets are made and hashed. It knows nothing of
// HTTP or the database; the server resolves tokens and resolvers ask the
// Principal.
package auth
