/**
 * s3rver and dynalite in a process of their own, as under `npm start`, so a benchmark measures
 * its client's work and not the emulators' on the same event loop. Prints `{"s3":…,"dynamo":…}`
 * once ready; exits when its stdin closes. Usage: startPeersProcess() in peersClient.ts.
 */
import { startPeers } from '../local/emulators';

const [region, bucket, table, s3Dir] = process.argv.slice(2) as [string, string, string, string];
startPeers({ region, bucket, table, s3Port: 0, dynamoPort: 0, s3Dir }).then(
  (peers) => {
    process.stdout.write(`${JSON.stringify({ s3: peers.s3.endpoint, dynamo: peers.dynamo.endpoint })}\n`);
    process.stdin.resume();
    process.stdin.on('end', () => void peers.close().then(() => process.exit(0)));
  },
  (error: Error) => {
    process.stderr.write(`${error.stack ?? error.message}\n`);
    process.exit(1);
  },
);
