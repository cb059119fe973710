package batch

import (
	"errors"
	"fmt"
)

// Error codes of the batch API; the HTTP handlers map each to one status.
const (
	ENotFound    = "not_found"     // no batch with that id (or it has expired)
	ENotFinished = "not_finished"  // the result of a batch still running
	EFinished    = "finished"      // cancelling a batch that has already ended
	EInvalid     = "invalid_input" // the input as a whole cannot be used
	ENoResult    = "no_result"     // the batch ended without a ZIP (cancelled or failed)
)

// Error is an error of the batch API that a client can act on. Message is
// for the person, in Chinese, and says what to do.
type Error struct {
	Code    string
	Message string
}

func (e *Error) Error() string { return e.Message }

func errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// ErrorCode returns the code of err if it is (or wraps) an *Error, else "".
func ErrorCode(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return ""
}

func notFound(id string) *Error {
	return errorf(ENotFound, "批次 %s 不存在或已过保存期限", id)
}
