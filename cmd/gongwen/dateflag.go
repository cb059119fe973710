package main

import (
	"errors"
	"flag"
	"time"
)

// fixedDateFlag registers --fixed-date on fs: the PDFs' creation date, so the
// same input gives the same bytes. A malformed date fails flag parsing, so every
// command refuses it the same way.
func fixedDateFlag(fs *flag.FlagSet, t *time.Time, usage string) {
	fs.Func("fixed-date", usage+" (YYYY-MM-DD)", func(s string) error {
		d, err := time.Parse("2006-01-02", s)
		if err != nil {
			return errors.New("want YYYY-MM-DD")
		}
		*t = d
		return nil
	})
}
