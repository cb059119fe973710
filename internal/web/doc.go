// Package web is the drafting page of `gongwen serve`: plain HTML, CSS and
// JavaScript modules embedded in the binary and served by Handler, so an
// office intranet with no internet access gets the whole page from the
// service itself.
//
// The page talks only to the JSON API (/v1/validate, /v1/render,
// /v1/templates, /v1/batches…); it holds no rules of its own beyond turning
// what a person pastes — a reply from a word processor, a table from a
// spreadsheet — into the input contract, so the server stays the one judge
// of a document.
//
// pdf.js (npm package pdfjs-dist) draws the preview. It is fetched at build
// time by scripts/web-vendor.sh (`make web`) into assets/vendor/, which git
// ignores; without it the page still works and shows the PDF in the
// browser's own viewer, saying so.
package web
