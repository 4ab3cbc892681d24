package server

import "fmt"

// UserError is a problem with the request's input that the caller can fix,
// presented as code BAD_USER_INPUT with extensions.field naming the input
// (e.g. "filter.regionPrefix"). Its message is shown as is, so it must not
// carry internals.
//
// The presenter matches any error in the chain with a UserInputField()
// string method, so other packages may declare their own type instead of
// importing this one.
type UserError struct {
	Field   string
	Message string
}

// Error is "field: message", or the message alone without a field.
func (e *UserError) Error() string {
	if e.Field == "" {
		return e.Message
	}
	return e.Field + ": " + e.Message
}

// UserInputField names the offending input; see inputError.
func (e *UserError) UserInputField() string { return e.Field }

// UserErrorf returns a *UserError for field with a formatted message.
func UserErrorf(field, format string, args ...any) error {
	return &UserError{Field: field, Message: fmt.Sprintf(format, args...)}
}

// inputError is what the presenter recognises as BAD_USER_INPUT.
type inputError interface {
	error
	UserInputField() string
}
