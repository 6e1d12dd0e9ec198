import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { createWriteHandler, productionDeps, type WriteHandler } from './app';
import { loadWriteConfig } from './config';
import { loadSessionKeys } from './sessionKeySource';

const config = loadWriteConfig(process.env);
let app: Promise<WriteHandler> | undefined;

async function build(): Promise<WriteHandler> {
  const sessionKeys = await loadSessionKeys(config);
  return createWriteHandler({ deps: productionDeps(config), sessionKeys, issuer: config.issuer, audience: config.audience });
}

export const handler = async (event: APIGatewayProxyEventV2) => {
  app ??= build().catch((error) => {
    app = undefined; // a failed cold start (e.g. SSM throttled) is retried by the next request
    throw error;
  });
  return (await app)(event);
};
