import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { startLocalEdge } from '../../local/edge';
import { startTestPeers, TEST_REGION } from '../helpers/peers';
import { TEST_KEYS_SETTING, TOKEN_OPTIONS } from '../helpers/tokens';

/**
 * Stopping the platform closes dynalite right after the edge: a table scan still under way, or
 * started later by the poll or a tenant write, would reach a closed database (dynalite then
 * throws outside any request, which ended a test run once).
 */
describe('startLocalEdge › stop', () => {
  it('waits for the sync under way and scans the table no more once stopped', async () => {
    const peers = await startTestPeers('edge-stop');
    try {
      const sends: string[] = [];
      let scanning = false;
      const dynamo = new Proxy(peers.dynamoClient, {
        get(target, name, receiver) {
          if (name !== 'send') return Reflect.get(target, name, receiver);
          return async (command: { constructor: { name: string } }) => {
            sends.push(command.constructor.name);
            scanning = true;
            try {
              return await target.send(command as never);
            } finally {
              scanning = false;
            }
          };
        },
      }) as DynamoDBClient;
      const edge = await startLocalEdge({
        mode: 'function', dynamo, dynamoEndpoint: peers.dynamo.endpoint, region: TEST_REGION,
        table: peers.table, sessionKeys: TEST_KEYS_SETTING, ...TOKEN_OPTIONS, pollMs: 5,
      });
      void edge.sync();
      await edge.stop();
      expect(scanning).toBe(false);
      const scans = sends.length;
      expect(scans).toBeGreaterThan(0);
      await edge.sync();
      await new Promise((resolve) => setTimeout(resolve, 50)); // ten poll periods
      expect(sends.length).toBe(scans);
    } finally {
      await peers.close();
    }
  });
});
