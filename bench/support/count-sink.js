// A separate SMTP sink process for benchmarks: accepts and counts, parses nothing.
const { SMTPServer } = require('smtp-server');

let count = 0;
let recipients = new Set();
const trackUnique = process.env.TRACK_UNIQUE === '1';
const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  logger: false,
  onData(stream, session, callback) {
    stream.on('data', () => undefined);
    stream.on('end', () => {
      count++;
      if (trackUnique) for (const r of session.envelope.rcptTo) recipients.add(r.address);
      callback();
    });
  },
});
server.on('error', () => undefined);
server.listen(0, '127.0.0.1', () => process.send({ port: server.server.address().port }));
process.on('message', (m) => {
  if (m === 'count') process.send({ count, unique: recipients.size });
  if (m === 'reset') {
    count = 0;
    recipients = new Set();
    process.send({ reset: true });
  }
});
