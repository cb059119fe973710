package compose

import (
	"reflect"
	"testing"

	"gongwen/internal/document"
)

// The acceptance test: the template-driven seed becomes the explicit
// seed, so both render the same PDF.
func TestApplySeedEqualsExplicitSeed(t *testing.T) {
	lib := builtIn(t)
	explicit := decodeFile(t, "fenban-1234.json")
	proposal := decodeFile(t, "fenban-1234.proposal.json")

	got, err := lib.Apply(proposal)
	if err != nil {
		t.Fatalf("Apply: %v", err)
	}
	// The proposal stays in the output: it is the record of what was answered
	// (the batch summary reads number, deputy and title from it) and no part of
	// GB/T 9704 prints it. The explicit seed has none, so it alone is set aside.
	if !reflect.DeepEqual(got.Proposal, proposal.Proposal) {
		t.Errorf("proposal changed: %+v, want %+v", got.Proposal, proposal.Proposal)
	}
	got.Proposal = nil
	if !reflect.DeepEqual(got, explicit) {
		compareFields(t, got, explicit)
	}

	again, err := lib.Apply(explicit)
	if err != nil {
		t.Fatalf("Apply(explicit seed): %v", err)
	}
	if !reflect.DeepEqual(again, explicit) {
		compareFields(t, again, explicit)
	}
	if again == explicit {
		t.Error("Apply returned its input; it must return a new document")
	}
}

// compareFields names each field that differs, which a bare DeepEqual failure
// on a document with a dozen paragraphs would not.
func compareFields(t *testing.T, got, want *document.Document) {
	t.Helper()
	g, w := reflect.ValueOf(got).Elem(), reflect.ValueOf(want).Elem()
	for i := range g.NumField() {
		name, gf, wf := g.Type().Field(i).Name, g.Field(i), w.Field(i)
		if reflect.DeepEqual(gf.Interface(), wf.Interface()) {
			continue
		}
		if gf.Kind() == reflect.Slice && gf.Len() == wf.Len() {
			for j := range gf.Len() {
				if !reflect.DeepEqual(gf.Index(j).Interface(), wf.Index(j).Interface()) {
					t.Errorf("%s[%d]:\n got  %+v\n want %+v", name, j, gf.Index(j).Interface(), wf.Index(j).Interface())
				}
			}
			continue
		}
		t.Errorf("%s:\n got  %+v\n want %+v", name, gf.Interface(), wf.Interface())
	}
}
