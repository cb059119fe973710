// Server-sent events read with fetch rather than EventSource, because
// EventSource cannot send the Authorization header a service with tokens needs.

// events yields {event, data, id} for each event of the stream of resp.
export async function* events(resp) {
  const reader = resp.body.pipeThrough(new TextDecoderStream()).getReader();
  let buf = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buf += value;
    let end;
    while ((end = buf.search(/\r?\n\r?\n/)) >= 0) {
      const block = buf.slice(0, end);
      buf = buf.slice(end).replace(/^\r?\n\r?\n/, '');
      const ev = { event: 'message', data: '', id: '' };
      const data = [];
      for (const line of block.split(/\r?\n/)) {
        if (line.startsWith(':')) continue; // a comment: the server's keep-alive
        const i = line.indexOf(':');
        const field = i < 0 ? line : line.slice(0, i);
        const v = i < 0 ? '' : line.slice(i + 1).replace(/^ /, '');
        if (field === 'data') data.push(v);
        else if (field === 'event') ev.event = v;
        else if (field === 'id') ev.id = v;
      }
      if (data.length) {
        ev.data = data.join('\n');
        yield ev;
      }
    }
  }
}
