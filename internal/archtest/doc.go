// Package archtest holds the test that keeps the architecture of STYLE.md:
// arrows point toward the domain, and each technology stays in its package.
package archtest
