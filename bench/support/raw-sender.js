// Raw Nodemailer baseline: a pooled transport (10 connections) sending one pre-built message N times.
const { createTransport } = require('nodemailer');

const [port, count, dkimJson] = [Number(process.argv[2]), Number(process.argv[3]), process.argv[4]];
const message = JSON.parse(process.env.RAW_MESSAGE);
const transport = createTransport({
  pool: true,
  maxConnections: 10,
  host: '127.0.0.1',
  port,
  secure: false,
  ignoreTLS: true,
  ...(dkimJson ? { dkim: JSON.parse(dkimJson) } : {}),
});
(async () => {
  const started = process.hrtime.bigint();
  let next = 0;
  const lane = async () => {
    while (next < count) {
      const i = next++;
      await transport.sendMail({ ...message, to: `raw-${i}@example.com` });
    }
  };
  await Promise.all(Array.from({ length: 20 }, lane));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  transport.close();
  process.send({ seconds, count });
})();
