import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { lambdaLogging, wikiOfPath } from '../../shared/log';
import { createWriteHandler, productionDeps, type WriteHandler } from './app';
import { loadWriteConfig } from './config';
import { loadIdp } from './idpKeySource';
import { loadSessionKeys } from './sessionKeySource';

const config = loadWriteConfig(process.env);
const logging = lambdaLogging('write', process.env);
let app: Promise<WriteHandler> | undefined;

async function build(): Promise<WriteHandler> {
  const [sessionKeys, idp] = await Promise.all([loadSessionKeys(config), loadIdp(config)]);
  return createWriteHandler({
    deps: { ...productionDeps(config), log: logging.sink },
    sessionKeys, issuer: config.issuer, audience: config.audience, idp, limits: config.limits,
    idpLoginUrl: config.idpLoginUrl, originVerifySecret: config.originVerifySecret,
  });
}

export const handler = async (event: APIGatewayProxyEventV2, context?: Context) => {
  logging.begin(context, { path: event.rawPath, method: event.requestContext?.http?.method, wiki: wikiOfPath(event.rawPath) });
  app ??= build().catch((error) => {
    app = undefined; // a failed cold start (e.g. SSM throttled) is retried by the next request
    throw error;
  });
  return (await app)(event);
};
