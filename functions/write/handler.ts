import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { lambdaLogging, wikiOfPath } from '../../shared/log';
import type { WriteHandler } from './app';
import { loadWriteConfig } from './config';

const config = loadWriteConfig(process.env);
const logging = lambdaLogging('write', process.env);
let app: Promise<WriteHandler> | undefined;

export const handler = async (event: APIGatewayProxyEventV2, context?: Context) => {
  logging.begin(context, { path: event.rawPath, method: event.requestContext?.http?.method, wiki: wikiOfPath(event.rawPath) });
  // The wiring is a chunk of its own (instance.ts says why), loaded with the first request.
  app ??= import('./instance').then(({ buildWriteInstance }) => buildWriteInstance(config, logging.sink)).catch((error) => {
    app = undefined; // a failed cold start (e.g. SSM throttled) is retried by the next request
    throw error;
  });
  return (await app)(event);
};
