// Package batch renders batches of documents — thousands of replies at a
// congress session — on NATS JetStream, so that a batch survives a restart or
// a lost worker without losing or duplicating a document.
//
// By default an Engine embeds a NATS server with JetStream in the process (its
// store under the data directory, every write synced, explicit memory and
// store limits, no listening port unless asked for); given a NATS URL it joins
// an external cluster instead, and any number of gongwen instances share the
// work. Three JetStream facilities carry a batch:
//
//   - the work-queue stream GONGWEN_TASKS holds one render task per document
//     (the composed document as JSON, never a PDF) and one finish task per
//     batch, consumed by the durable consumer "workers" that every instance
//     pulls from;
//   - the key-value bucket gongwen-batches holds each batch's record — state,
//     counts and a bitmap of finished items — updated by compare-and-set, and
//     the failures of single items; gongwen-register keeps the next free
//     发文字号 of each office and year;
//   - object stores hold the PDFs (one bucket per batch, object name
//     batch/item, so a redelivered task overwrites or skips, never adds) and,
//     in gongwen-results, the input's item list and the final ZIP.
//
// A worker acks a task only after its PDF is stored and the record updated;
// it reports progress (InProgress) while it works, so a long task is not
// redelivered, and a task that comes back after a crash finds its item done or
// its PDF stored and does not render it twice. The worker that finishes the
// last item queues the finish task, which streams the PDFs and the summary
// workbook (办理情况汇总表) into one ZIP in the object store.
//
// Input is a JSON array, JSON Lines, or an Excel ledger (台账, one proposal a
// row; columns in LEDGER.md). Items that are invalid are reported one by one
// (row, field, message) while the rest are rendered.
//
// The API — Create, Status, Watch, Result, Cancel — is what the HTTP routes
// (http.go) and `gongwen batch` use.
package batch
