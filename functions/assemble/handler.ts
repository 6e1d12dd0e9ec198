import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { lambdaLogging, wikiOfPath } from '../../shared/log';
import { createAssembleHandler } from './assemble';
import { loadAssembleConfig } from './config';
import { assembleDeps } from './deps';

const config = loadAssembleConfig(process.env);
const logging = lambdaLogging('assemble', process.env);
const assemble = createAssembleHandler(assembleDeps(config, logging.sink));

export const handler = (event: APIGatewayProxyEventV2, context?: Context) => {
  logging.begin(context, { path: event.rawPath, wiki: wikiOfPath(event.rawPath) });
  return assemble(event);
};
