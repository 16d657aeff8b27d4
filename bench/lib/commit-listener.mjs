// A worker thread of the stream test: listens on the server's event channel and reports, as a
// time since the epoch, when each batch of new rows is announced. The server sends that NOTIFY as
// soon as the commit returns. It runs in a thread of its own because the test's main thread is
// busy reading 10,000 streams at that moment and would only see the NOTIFY late.
import { parentPort, workerData } from 'node:worker_threads';
import pg from 'pg';

const client = new pg.Client({ connectionString: workerData.databaseUrl });
await client.connect();
client.on('notification', (message) => {
  if (message.payload?.includes('"notifications_created"')) {
    parentPort.postMessage(performance.timeOrigin + performance.now());
  }
});
await client.query(`LISTEN ${workerData.channel}`);
parentPort.postMessage('listening');
