// Package privacy decides what of a person's information an operation may
// see: it masks personal information unless the operation states a purpose
// and the caller's role may reveal it, and it remembers what was revealed so
// it can be audited. It is plain Go over the request's principal; GraphQL
// applies it through the @pii directive.
package privacy
